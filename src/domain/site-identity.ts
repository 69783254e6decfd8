// Who runs this deployment of Tejido: its name, the institution that operates it, a contact for privacy
// questions and a logo. Configuration (SITE_* variables), with the demo's values as defaults; the server writes it
// into the app shell's HTML, so phones know it offline and no request is made for it.

export interface SiteIdentity {
  /** The service's name, shown in the header and the page title. */
  name: string;
  /** The institution that operates the service and answers for the data it keeps. */
  operator: string;
  /** Where to ask about one's data: an email address or an https address; absent when not configured. */
  contact?: string;
  /** Same-origin address of the logo shown in the header. */
  logo: string;
}

/** The defaults: the commitment's coordinating body in the OGP action plan 2018-2020 (GT0092). */
export const DEFAULT_SITE_IDENTITY: SiteIdentity = {
  name: "Tejido",
  operator: "Comisión Presidencial de Gobierno Abierto y Electrónico (GAE)",
  logo: "/icons/icon.svg",
};

/**
 * Where to ask about one's data: an https address, or an email address whose local part holds no "/" or ":"
 * (so it can never read as a scheme). The server's configuration and the page's reading of it both hold to it.
 */
export const SITE_CONTACT_PATTERN = /^(https:\/\/\S+|[^\s@/:]+@[^\s@]+\.[^\s@]+)$/;

/** The element of the app shell that carries the identity as JSON. */
export const SITE_IDENTITY_ELEMENT_ID = "site-identity";

const text = (value: unknown, max: number): string | undefined =>
  typeof value === "string" && value.trim().length > 0 && value.length <= max ? value.trim() : undefined;

/** Reads an identity from untrusted JSON (the page's own, but edited by hand or cached): defaults fill gaps. */
export function parseSiteIdentity(json: string | null | undefined): SiteIdentity {
  let value: Record<string, unknown> = {};
  try {
    const parsed: unknown = JSON.parse(json ?? "{}");
    if (parsed && typeof parsed === "object") value = parsed as Record<string, unknown>;
  } catch {
    // A broken block: the defaults.
  }
  const logo = text(value.logo, 200);
  const contact = text(value.contact, 200);
  const contactOk = contact !== undefined && SITE_CONTACT_PATTERN.test(contact);
  return {
    name: text(value.name, 80) ?? DEFAULT_SITE_IDENTITY.name,
    operator: text(value.operator, 200) ?? DEFAULT_SITE_IDENTITY.operator,
    ...(contactOk ? { contact } : {}),
    // Same origin only: "//host" and "/\host" would be another site.
    logo: logo && /^\/(?![/\\])/.test(logo) ? logo : DEFAULT_SITE_IDENTITY.logo,
  };
}

/** A contact as a link target: mailto: for an email address, the address itself for https. */
export function contactHref(contact: string): string {
  return contact.includes("@") && !contact.startsWith("https://") ? `mailto:${contact}` : contact;
}
