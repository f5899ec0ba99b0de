import { fakeAccessKeyId, fakeSecretAccessKey, fakeSessionToken } from '@credlint/core/testing';

/** Key-shaped values, generated (no test file holds a literal key). */
export const KEY_ID = fakeAccessKeyId({ seed: 11 });
export const TEMP_KEY_ID = fakeAccessKeyId({ prefix: 'ASIA', seed: 12 });
export const SECRET = fakeSecretAccessKey(11);
export const TOKEN = fakeSessionToken(11);
