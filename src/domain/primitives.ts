// Small schemas every record shares: ids, timestamps, slugs.
import { z } from "zod/mini";

/** A UUID made on the device (v7 in practice; any RFC 9562 UUID is accepted). */
export const Uuid = z.uuid();

/** A short stable key for themes, questions and options inside one consultation. */
export const Slug = z.string().check(z.regex(/^[a-z0-9][a-z0-9-]{0,63}$/));

/** An ISO 8601 instant with an offset, as produced by Date#toISOString. */
export const IsoDateTime = z.iso.datetime({ offset: true });
