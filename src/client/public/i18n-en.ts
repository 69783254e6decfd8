// English for the public accountability page. Typed against Spanish, so a missing key fails the typecheck.
import type { PublicCatalogue } from "../i18n/catalogue";

export const enPublic: PublicCatalogue = {
  "public.title": "How each input was considered",
  "public.rules": "Participation rules",
  "public.counts": "Inputs by feedback",
  "public.inputs": "Inputs",
  "public.inputs.none":
    "No inputs of this consultation are published yet. They appear here when they arrive from the workshops; written words, once reviewed.",
  "public.more": "Show more",
  "public.offline": "Offline: showing what this phone saw last.",
  "public.notFound": "This consultation was not found.",
  "public.withheld": "What was written is published once the organizers have reviewed it.",
  "public.redacted": "The organizers covered some parts of what was written.",
  "public.reason": "Reason: {reason}",
  "public.disposition.incorporated": "Incorporated",
  "public.disposition.partly_incorporated": "Partly incorporated",
  "public.disposition.not_incorporated": "Not incorporated",
  "public.disposition.out_of_scope": "Out of scope",
  "public.disposition.none": "No feedback yet",
  "catalogue.title": "Open data",
  "catalogue.intro":
    "The data of every published consultation and every open-government commitment, signed to download and verify. No names or personal data.",
  "catalogue.none": "No published consultations yet.",
  "catalogue.license": "License: {license}",
  "catalogue.updated": "Last updated: {date}",
  "catalogue.download": "Download the data package: {title}",
  "catalogue.page": "See how each input was considered: {title}",
  "catalogue.offline": "Offline: the catalogue needs a connection.",
  "catalogue.csv": "Download as CSV: {title}",
  "catalogue.commitmentPage": "See the progress milestone by milestone: {title}",
  "catalogue.statsPage": "See the table and chart",
  "public.workshops": "Workshops held",
  "public.workshop.people.one": "1 person took part.",
  "public.workshop.people.other": "{count} people took part.",
  "public.workshop.noCount": "Attendance not recorded.",
  "public.workshop.female.one": "1 woman",
  "public.workshop.female.other": "{count} women",
  "public.workshop.male.one": "1 man",
  "public.workshop.male.other": "{count} men",
  "public.question.other": "A question from an earlier version",
  "privacy.title": "Privacy",
  "privacy.intro":
    "{name} is run by: {operator}. That institution answers for the data the service keeps. This page explains what is kept, for how long and who sees it.",
  "privacy.contact": "To ask about your data or have it corrected, write to",
  "privacy.contact.none":
    "To ask about your data or have it corrected, go to the Public Information Unit of {operator}.",
  "privacy.requests.title": "If you request information",
  "privacy.requests.what":
    "What you ask for, the institution, the name you give and, only if you leave them, your email or phone to tell you of changes. No account, no identity document and no reason are asked for.",
  "privacy.requests.who":
    "The Information Unit staff of the institution you ask see it. Your name and contact are never published; public statistics only count requests.",
  "privacy.requests.how_long":
    "The request and its answer stay in the institution's archive, as the Access to Public Information Law (Decree 57-2008) requires.",
  "privacy.inputs.title": "If you take part in a consultation",
  "privacy.inputs.what":
    "What you say or write, your answers and, only if you wish, your sex, approximate age and people. Your name is not asked for.",
  "privacy.inputs.who":
    "Only the team that organizes the consultation hears voice recordings and sees photos. Written words are published after that team reviews them and covers anything that could point at someone. Public counts do not show groups so small they point at one person.",
  "privacy.inputs.how_long": "Kept while the consultation and its feedback are published.",
  "privacy.phone.title": "On this phone",
  "privacy.phone.what":
    "What is saved on this phone waits here until it is sent. Your receipts and codes stay on the phone so you can check your request. The public is given no cookie.",
  "privacy.phone.third":
    "No advertising and no other companies' services: everything comes from this server.",
  "privacy.staff.title": "Institution staff",
  "privacy.staff.what":
    "Every staff action that changes something is recorded: who, what and when. Failed sign-in attempts are kept 24 hours to stop attacks.",
};
