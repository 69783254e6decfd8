// English for the public accountability page. Typed against Spanish, so a missing key fails the typecheck.
import type { PublicCatalogue } from "../i18n/catalogue";

export const enPublic: PublicCatalogue = {
  "public.title": "How each input was considered",
  "public.rules": "Participation rules",
  "public.counts": "Inputs by feedback",
  "public.inputs": "Inputs",
  "public.more": "Show more",
  "public.offline": "Offline: showing what this phone saw last.",
  "public.notFound": "This consultation was not found.",
  "public.reason": "Reason: {reason}",
  "public.disposition.incorporated": "Incorporated",
  "public.disposition.partly_incorporated": "Partly incorporated",
  "public.disposition.not_incorporated": "Not incorporated",
  "public.disposition.out_of_scope": "Out of scope",
  "public.disposition.none": "No feedback yet",
  "catalogue.title": "Open data",
  "catalogue.intro":
    "The data of every published consultation, to download and verify. No names or personal data.",
  "catalogue.none": "No published consultations yet.",
  "catalogue.license": "License: {license}",
  "catalogue.updated": "Last updated: {date}",
  "catalogue.download": "Download the data package: {title}",
  "catalogue.page": "See how each input was considered: {title}",
  "catalogue.offline": "Offline: the catalogue needs a connection.",
  "catalogue.csv": "Download as CSV: {title}",
  "catalogue.statsPage": "See the table and chart",
  "public.workshops": "Workshops held",
  "public.workshop.people": "{count} people took part.",
  "public.workshop.noCount": "Attendance not recorded.",
  "public.workshop.female": "{count} women",
  "public.workshop.male": "{count} men",
};
