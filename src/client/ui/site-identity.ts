// The deployment's identity, as the server wrote it into the app shell (src/server/static-routes.ts).
import { parseSiteIdentity, SITE_IDENTITY_ELEMENT_ID, type SiteIdentity } from "../../domain/site-identity";

export const siteIdentity: SiteIdentity = parseSiteIdentity(
  typeof document === "undefined"
    ? undefined
    : document.getElementById(SITE_IDENTITY_ELEMENT_ID)?.textContent,
);
