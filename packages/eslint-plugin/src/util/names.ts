import { isAccessKeyIdName, KINDS, normalizeName, secretNameStrength, tokenNameStrength, type FindingKind, type KindDescriptor } from '@credlint/core';

/** The environment variable the AWS SDKs read for a credential slot. */
export type CredentialEnv = 'AWS_ACCESS_KEY_ID' | 'AWS_SECRET_ACCESS_KEY' | 'AWS_SESSION_TOKEN';

export interface Slot {
  env: CredentialEnv;
  /** Strong names say AWS credential by themselves; weak ones (`secret_key`, `sessionToken`) need an AWS neighbour. */
  strong: boolean;
}

/** Which credential a name is the slot of, judged by core's name helpers. */
export function slotOf(name: string | undefined): Slot | undefined {
  if (name === undefined || name.length === 0) return undefined;
  // Property and variable names repeat across a code base: judge each once.
  const cached = slotCache.get(name);
  if (cached !== undefined) return cached === null ? undefined : cached;
  const slot = judgeSlot(name);
  if (slotCache.size >= MAX_CACHE) slotCache.clear();
  slotCache.set(name, slot ?? null);
  return slot;
}

const MAX_CACHE = 20_000;
const slotCache = new Map<string, Slot | null>();

function judgeSlot(name: string): Slot | undefined {
  if (isAccessKeyIdName(name)) return { env: 'AWS_ACCESS_KEY_ID', strong: true };
  const secret = secretNameStrength(name);
  if (secret !== 'none') return { env: 'AWS_SECRET_ACCESS_KEY', strong: secret === 'strong' };
  const token = tokenNameStrength(name);
  if (token !== 'none') return { env: 'AWS_SESSION_TOKEN', strong: token === 'strong' || normalizeName(name) === 'sessiontoken' };
  return undefined;
}

/** True when a name can make core report a value that the text alone would not (secret / token names). */
export function isEvidenceName(name: string | undefined): name is string {
  if (name === undefined || name.length === 0) return false;
  let evidence = evidenceCache.get(name);
  if (evidence === undefined) {
    evidence = secretNameStrength(name) !== 'none' || tokenNameStrength(name) !== 'none';
    if (evidenceCache.size >= MAX_CACHE) evidenceCache.clear();
    evidenceCache.set(name, evidence);
  }
  return evidence;
}

const evidenceCache = new Map<string, boolean>();

/** The environment variable a finding kind's value belongs in (core's KINDS table), for the quick fix. */
export function envFor(kind: FindingKind): KindDescriptor['envVar'] {
  const d: KindDescriptor = KINDS[kind];
  return d.envVar;
}

const SLOT_ENDINGS = ['accesskeyid', 'accesskey', 'secretaccesskey', 'secretkey', 'secret', 'sessiontoken', 'securitytoken'];

/**
 * For code rules that report any static value: the name must END with a credential word
 * (`accessKeyId`, `aws_secret_access_key`, `AWS_SESSION_TOKEN`), so labels and helpers
 * (`accessKeyIdLabel`, `secretKeyPrompt`) are not slots.
 */
export function strictSlotOf(name: string | undefined): Slot | undefined {
  const slot = slotOf(name);
  if (!slot || name === undefined) return undefined;
  let strict = strictCache.get(name);
  if (strict === undefined) {
    const n = normalizeName(name);
    strict = SLOT_ENDINGS.some((e) => n.endsWith(e));
    if (strictCache.size >= MAX_CACHE) strictCache.clear();
    strictCache.set(name, strict);
  }
  return strict ? slot : undefined;
}

const strictCache = new Map<string, boolean>();

/** A slot that makes an object an SDK credentials object by itself: a key id or a strongly named secret. */
export function isAnchorSlot(slot: Slot | undefined): boolean {
  return slot !== undefined && slot.strong && slot.env !== 'AWS_SESSION_TOKEN';
}
