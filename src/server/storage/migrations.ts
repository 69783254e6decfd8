// The ordered list of migrations. Listed here, not read from disk, so tsx and bundles see the same set.
import type { Migration } from "kysely";
import type { DialectName } from "./database";
import { initialSchema } from "./migrations/0001-initial";
import { folioCounters } from "./migrations/0002-folio-counters";
import { accounts } from "./migrations/0003-accounts";
import { informationRequests } from "./migrations/0004-information-requests";
import { inputExportOrder } from "./migrations/0005-input-export-order";
import { dispositions } from "./migrations/0006-dispositions";
import { devices } from "./migrations/0007-devices";
import { workshops } from "./migrations/0008-workshops";
import { mediaRefs } from "./migrations/0009-media-refs";
import { signingKeys } from "./migrations/0010-signing-keys";
import { changelogAudience } from "./migrations/0011-changelog-audience";
import { calendarEntries } from "./migrations/0012-calendar-entries";
import { notice } from "./migrations/0013-notice";
import { institutionSettings } from "./migrations/0014-institution-settings";
import { mailOutbox } from "./migrations/0015-mail-outbox";
import { requestKinds } from "./migrations/0016-request-kinds";
import { loginFailures } from "./migrations/0017-login-failures";
import { quarantineBytes } from "./migrations/0018-quarantine-bytes";
import { inputReviews } from "./migrations/0019-input-reviews";
import { rateLimits } from "./migrations/0020-rate-limits";
import { auditLog } from "./migrations/0021-audit-log";
import { implementationTracker } from "./migrations/0022-implementation-tracker";
import { civilSociety } from "./migrations/0023-civil-society";
import { drafts } from "./migrations/0024-drafts";
import { draftCitations } from "./migrations/0025-draft-citations";
import { uiTranslations } from "./migrations/0026-ui-translations";
import { consultationPrompts } from "./migrations/0027-consultation-prompts";

export function migrations(dialect: DialectName): Record<string, Migration> {
  return {
    "0001-initial": initialSchema(dialect),
    "0002-folio-counters": folioCounters,
    "0003-accounts": accounts,
    "0004-information-requests": informationRequests(dialect),
    "0005-input-export-order": inputExportOrder,
    "0006-dispositions": dispositions(dialect),
    "0007-devices": devices,
    "0008-workshops": workshops,
    "0009-media-refs": mediaRefs,
    "0010-signing-keys": signingKeys,
    "0011-changelog-audience": changelogAudience,
    "0012-calendar-entries": calendarEntries,
    "0013-notice": notice,
    "0014-institution-settings": institutionSettings,
    "0015-mail-outbox": mailOutbox,
    "0016-request-kinds": requestKinds,
    "0017-login-failures": loginFailures,
    "0018-quarantine-bytes": quarantineBytes,
    "0019-input-reviews": inputReviews,
    "0020-rate-limits": rateLimits,
    "0021-audit-log": auditLog,
    "0022-implementation-tracker": implementationTracker,
    "0023-civil-society": civilSociety,
    "0024-drafts": drafts,
    "0025-draft-citations": draftCitations,
    "0026-ui-translations": uiTranslations,
    "0027-consultation-prompts": consultationPrompts,
  };
}
