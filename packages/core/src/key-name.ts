/**
 * What a key/property/variable name says about the value it names. Names arrive in
 * every style (aws_secret_access_key, secretAccessKey, SecretAccessKey,
 * aws-secret-access-key, AWS_SECRET_ACCESS_KEY, aws.secretKey); they are compared
 * in a normalized form: lower case, letters and digits only.
 */
export function normalizeName(name: string): NormalizedName {
  // Native lower-casing and one linear character-class replace: this runs for every
  // `secret`/`token` word in a scanned tree, so it avoids building strings char by char.
  return name.toLowerCase().replace(NON_ALNUM, '') as NormalizedName;
}
const NON_ALNUM = /[^a-z0-9]+/g;

declare const normalized: unique symbol;
/** A name in normalizeName's form. The scanner normalises a name once and judges it with the `…Strength` functions below. */
export type NormalizedName = string & { readonly [normalized]: true };

export type NameStrength = 'strong' | 'weak' | 'none';

/**
 * Secret-key names. Strong names say AWS and secret by themselves
 * (`AWS_SECRET_ACCESS_KEY`, `secretAccessKey`, `aws_secret`, `awsSecretKey`);
 * weak names say secret but not AWS (`secret_key` — Terraform's and boto's
 * spelling — `secret`, `SECRET_KEY`), or AWS but not secret (`aws_key`, `awsPrivateKey`,
 * `aws_access_key`), and count only in an AWS context.
 */
export function secretNameStrength(name: string): NameStrength {
  return secretStrength(normalizeName(name));
}

/** secretNameStrength of a normalised name. */
export function secretStrength(n: NormalizedName): NameStrength {
  if (n.length === 0 || n.length > 80) return 'none';
  if (n.includes('secretaccesskey') || n.includes('secretaccesskeyid')) return 'strong';
  if (n.includes('aws') && (n.includes('secret') || n.endsWith('sak'))) return 'strong';
  if (n.includes('amazon') && n.includes('secret')) return 'strong';
  if (n.includes('secretkey') || n.includes('accesssecret') || n.endsWith('secret') || n === 'sk' || n.endsWith('secretaccess')) {
    return 'weak';
  }
  // `aws_key`, `aws_private_key`, and `aws_access_key`: the last is also a key-id slot, so the
  // scanner judges a 40-character value there by its shape (a key id is 20 characters).
  if (n.includes('aws') && n.endsWith('key') && !n.endsWith('keyid')) return 'weak';
  return 'none';
}

/** Session-token names: `AWS_SESSION_TOKEN`, `sessionToken`, `x-amz-security-token`, `AWS_SECURITY_TOKEN`. */
export function tokenNameStrength(name: string): NameStrength {
  return tokenStrength(normalizeName(name));
}

/** tokenNameStrength of a normalised name. */
export function tokenStrength(n: NormalizedName): NameStrength {
  if (n.length === 0 || n.length > 80) return 'none';
  if (n.includes('sessiontoken') || n.includes('securitytoken') || n.includes('amzsecurity')) {
    return n.includes('aws') || n.includes('amz') ? 'strong' : 'weak';
  }
  if (n.includes('aws') && n.endsWith('token')) return 'weak';
  return 'none';
}

/** Account-id names: `aws_account_id`, `AccountId`, `AWS_ACCOUNT`. */
export function accountNameStrength(name: string): NameStrength {
  return accountStrength(normalizeName(name));
}

/** accountNameStrength of a normalised name. */
export function accountStrength(n: NormalizedName): NameStrength {
  if (n.length === 0 || n.length > 80) return 'none';
  if (n.includes('awsaccount') || n.includes('awsaccountid')) return 'strong';
  if (n.endsWith('accountid') || n === 'account') return 'weak';
  return 'none';
}

/** Session-token slot names proper (`AWS_SESSION_TOKEN`, `SessionToken`, `x-amz-security-token`), normalised. */
export function isSessionTokenName(n: NormalizedName): boolean {
  return n.includes('sessiontoken') || n.includes('securitytoken');
}

/** Names of key-id slots, for hosts that judge a value placed there. */
export function isAccessKeyIdName(name: string): boolean {
  const n = normalizeName(name);
  return n.includes('accesskeyid') || n === 'accesskey' || n === 'awsaccesskey' || n.endsWith('awskeyid');
}
