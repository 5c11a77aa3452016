const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Whether a client-given id can be a row id; others are treated as not found without asking PostgreSQL. */
export const isUuid = (value: string): boolean => UUID.test(value);
