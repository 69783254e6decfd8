// English for the organizer's devices screen. Typed against Spanish, so a missing key fails the typecheck.
import type { DevicesCatalogue } from "../i18n/catalogue";

export const enDevices: DevicesCatalogue = {
  "devices.heading": "Field phones",
  "devices.title": "Enrolled phones",
  "devices.signedOut": "Sign in as an organizer to see and revoke phones.",
  "devices.offline": "No connection to the server. Try again.",
  "devices.issue.title": "New enrolment code",
  "devices.issue.intro":
    "Each code enrols one phone and expires. Read it out, write it down or show the QR code.",
  "devices.issue.label": "For whom (optional)",
  "devices.issue.label.hint": "For example, the facilitator's name.",
  "devices.issue.hours": "Expires in",
  "devices.issue.hours.option": "{hours} hours",
  "devices.issue.submit": "Create code",
  "devices.issue.code": "Code: {code}",
  "devices.issue.expires": "Expires on {when}.",
  "devices.issue.qr": "QR code to enrol a phone with the code {code}",
  "devices.issue.failed": "The code could not be created. Try again.",
  "devices.empty": "No phones enrolled yet.",
  "devices.enrolled": "Enrolled on {when} by {by}.",
  "devices.lastPush": "Last sent: {when}.",
  "devices.neverPushed": "Has not sent anything yet.",
  "devices.inputs.one": "1 input received",
  "devices.inputs.other": "{count} inputs received",
  "devices.quarantined.one": "1 under review",
  "devices.quarantined.other": "{count} under review",
  "devices.revoked": "Revoked on {when}. What it sends is kept for review.",
  "devices.revoke": "Revoke",
  "devices.revoke.for": "Revoke: {name}",
  "devices.revoke.confirm":
    "Revoke this phone? What it sends later will not be accepted and will be kept for review.",
  "devices.revoke.yes": "Yes, revoke",
  "devices.revoke.no": "No",
  "devices.unnamed": "Unnamed phone",
  "devices.revoke.failed": "The phone could not be revoked. Check the connection and try again.",
  "transfer.import.title": "Import a file carried by hand",
  "transfer.import.intro":
    "When a phone has no signal for weeks, the facilitator saves a file with what is left to send and hands it over (by message, cable or memory card). Upload it here: each record is applied once, even if the phone sends it later.",
  "transfer.import.file": "Choose the file from the phone (.json)",
  "transfer.import.busy": "Applying the file…",
  "transfer.import.uploading": "Uploading the file: {percent} %",
  "transfer.import.done":
    "File applied. New: {applied} · already here: {duplicate} · quarantined for review: {quarantined}.",
  "transfer.import.requests":
    "Information requests: {filed} filed with their folio · already here: {duplicate} · refused: {refused}.",
  "transfer.import.media":
    "Recordings and photos: {stored} stored · already here: {duplicate} · refused (they stay on the phone): {refused}.",
  "transfer.import.unsigned":
    "The file's list does not carry its phone's signature: it was changed or made elsewhere. Each record was checked with its own signature.",
  "transfer.import.missing":
    "The file lacks records its list announces ({count}): it arrived cut short. Ask for another copy.",
  "transfer.import.unlisted":
    "Records that do not match the file's list: {count}. They were checked with their own signature.",
  "transfer.import.notAFile": "That is not a Tejido transfer file, or it is damaged.",
  "transfer.import.unknownDevice": "The phone that made this file is not enrolled on this server.",
  "transfer.import.revoked":
    "The phone that made this file was revoked. Its content was kept for review; it was not applied.",
  "transfer.import.offline": "No connection to the server: not applied. Try again.",
  "transfer.import.failed": "The file could not be applied. Try again.",
};
