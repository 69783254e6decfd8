// The sync protocol's version, on its own: the phone's settings read it in the first load, without the schemas.

/**
 * 2: pulls carry institutions, dispositions and request statuses besides consultations. A v1 client still
 * pulls consultations only (it could not read the other kinds), and its pushes are taken as before.
 */
export const PROTOCOL_VERSION = 2;
