/**
 * A local STS endpoint for `credlint doctor --online` tests: speaks the query protocol
 * (`Action=GetCallerIdentity&Version=2011-06-15`), verifies the SigV4 signature with the secret it
 * knows for the access key id, and answers with the real XML shapes. Loopback only, bounded bodies.
 */
import { createHash, createHmac, randomUUID, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface StsIdentity {
  secretAccessKey: string;
  /** Temporary (ASIA) keys: the token the request must carry. */
  sessionToken?: string;
  /** The token is past its expiry: STS answers ExpiredToken. */
  expired?: boolean;
  account: string;
  arn: string;
  userId: string;
}

export interface StsRequestLog {
  accessKeyId?: string;
  region?: string;
  service?: string;
  outcome: string;
}

const MAX_BODY = 64 * 1024;
const NS = 'https://sts.amazonaws.com/doc/2011-06-15/';

const sha256 = (data: string | Buffer): string => createHash('sha256').update(data).digest('hex');
const hmac = (key: string | Buffer, data: string): Buffer => createHmac('sha256', key).update(data).digest();

/** SigV4 canonical header value: trimmed, inner runs of spaces collapsed. */
function canonicalValue(v: string | string[] | undefined): string {
  const s = Array.isArray(v) ? v.join(',') : (v ?? '');
  return s.trim().replace(/ +/g, ' ');
}

function canonicalQuery(search: string): string {
  const params = [...new URLSearchParams(search)].map(([k, v]) => [encodeRfc3986(k), encodeRfc3986(v)] as const);
  params.sort(([a, x], [b, y]) => (a < b ? -1 : a > b ? 1 : x < y ? -1 : x > y ? 1 : 0));
  return params.map(([k, v]) => `${k}=${v}`).join('&');
}

function encodeRfc3986(s: string): string {
  return encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** Recomputes the signature of a request from its parts (AWS Signature Version 4). */
export function sigv4Signature(input: {
  method: string; path: string; query: string; headers: IncomingMessage['headers']; signedHeaders: string[];
  body: Buffer; amzDate: string; scope: string; secretAccessKey: string;
}): string {
  const canonicalHeaders = input.signedHeaders.map((h) => `${h}:${canonicalValue(input.headers[h])}\n`).join('');
  const payloadHash = typeof input.headers['x-amz-content-sha256'] === 'string' ? input.headers['x-amz-content-sha256'] : sha256(input.body);
  const canonicalRequest = [input.method, input.path || '/', canonicalQuery(input.query), canonicalHeaders, input.signedHeaders.join(';'), payloadHash].join('\n');
  const stringToSign = ['AWS4-HMAC-SHA256', input.amzDate, input.scope, sha256(canonicalRequest)].join('\n');
  const [date, region, service] = input.scope.split('/');
  const kDate = hmac(`AWS4${input.secretAccessKey}`, date ?? '');
  const kRegion = hmac(kDate, region ?? '');
  const kService = hmac(kRegion, service ?? '');
  const kSigning = hmac(kService, 'aws4_request');
  return createHmac('sha256', kSigning).update(stringToSign).digest('hex');
}

function errorXml(code: string, message: string, type = 'Sender'): string {
  return `<ErrorResponse xmlns="${NS}">\n  <Error>\n    <Type>${type}</Type>\n    <Code>${code}</Code>\n    <Message>${message}</Message>\n  </Error>\n  <RequestId>${randomUUID()}</RequestId>\n</ErrorResponse>\n`;
}

function successXml(id: StsIdentity): string {
  return `<GetCallerIdentityResponse xmlns="${NS}">\n  <GetCallerIdentityResult>\n    <Arn>${id.arn}</Arn>\n    <UserId>${id.userId}</UserId>\n    <Account>${id.account}</Account>\n  </GetCallerIdentityResult>\n  <ResponseMetadata>\n    <RequestId>${randomUUID()}</RequestId>\n  </ResponseMetadata>\n</GetCallerIdentityResponse>\n`;
}

export class LocalSts {
  readonly identities = new Map<string, StsIdentity>();
  readonly requests: StsRequestLog[] = [];
  private server: Server | undefined;
  url = '';

  async start(): Promise<string> {
    this.server = createServer((req, res) => this.handle(req, res));
    this.server.requestTimeout = 5_000;
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    const { port } = this.server.address() as AddressInfo;
    this.url = `http://127.0.0.1:${port}`;
    return this.url;
  }

  async close(): Promise<void> {
    if (!this.server) return;
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server!.close(() => resolve()));
  }

  private reply(res: ServerResponse, status: number, body: string, log: StsRequestLog): void {
    this.requests.push(log);
    res.writeHead(status, { 'content-type': 'text/xml', 'x-amzn-requestid': randomUUID(), 'content-length': Buffer.byteLength(body) });
    res.end(body);
  }

  private handle(req: IncomingMessage, res: ServerResponse): void {
    const remote = req.socket.remoteAddress ?? '';
    if (remote !== '127.0.0.1' && remote !== '::1' && remote !== '::ffff:127.0.0.1') {
      req.socket.destroy();
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY) tooLarge = true;
      else chunks.push(c);
    });
    req.on('end', () => {
      if (tooLarge) return this.reply(res, 413, errorXml('RequestEntityTooLarge', 'Request body too large'), { outcome: 'too-large' });
      this.respond(req, res, Buffer.concat(chunks));
    });
  }

  private respond(req: IncomingMessage, res: ServerResponse, body: Buffer): void {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const params = new URLSearchParams(body.toString('utf8'));
    if (req.method !== 'POST' || params.get('Action') !== 'GetCallerIdentity' || params.get('Version') !== '2011-06-15') {
      return this.reply(res, 400, errorXml('InvalidAction', 'Could not find operation'), { outcome: 'invalid-action' });
    }
    const auth = /^AWS4-HMAC-SHA256 Credential=([^/]+)\/(\d{8})\/([^/]+)\/([^/]+)\/aws4_request, ?SignedHeaders=([^,]+), ?Signature=([0-9a-f]{64})$/.exec(req.headers.authorization ?? '');
    if (!auth) return this.reply(res, 400, errorXml('IncompleteSignature', 'Authorization header requires a SigV4 signature.'), { outcome: 'incomplete-signature' });
    const [, accessKeyId, date, region, service, signedHeadersRaw, signature] = auth as unknown as [string, string, string, string, string, string, string];
    const log: StsRequestLog = { accessKeyId, region, service, outcome: '' };
    const identity = this.identities.get(accessKeyId);
    const token = req.headers['x-amz-security-token'];
    if (!identity || (identity.sessionToken !== undefined && token !== identity.sessionToken) || (identity.sessionToken === undefined && token !== undefined)) {
      return this.reply(res, 403, errorXml('InvalidClientTokenId', 'The security token included in the request is invalid.'), { ...log, outcome: 'InvalidClientTokenId' });
    }
    const amzDate = String(req.headers['x-amz-date'] ?? '');
    const expected = sigv4Signature({
      method: req.method, path: url.pathname, query: url.search, headers: req.headers,
      signedHeaders: signedHeadersRaw.split(';'), body, amzDate, scope: `${date}/${region}/${service}/aws4_request`,
      secretAccessKey: identity.secretAccessKey,
    });
    const ok = service === 'sts' && amzDate.startsWith(date) && timingSafeEqual(Buffer.from(expected, 'hex'), Buffer.from(signature, 'hex'));
    if (!ok) {
      return this.reply(res, 403, errorXml('SignatureDoesNotMatch', 'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.'), { ...log, outcome: 'SignatureDoesNotMatch' });
    }
    if (identity.expired) {
      return this.reply(res, 400, errorXml('ExpiredToken', 'The security token included in the request is expired'), { ...log, outcome: 'ExpiredToken' });
    }
    return this.reply(res, 200, successXml(identity), { ...log, outcome: 'ok' });
  }
}
