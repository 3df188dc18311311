/** A full object id: 40 hex digits (SHA-1) or 64 (SHA-256), as git prints them. */
export const OBJECT_ID = /^[0-9a-f]{40}([0-9a-f]{24})?$/;

export const isObjectId = (text: string): boolean => OBJECT_ID.test(text);
