// A real, certified OpenID Provider (oidc-provider) on loopback. In tests it stands in for the
// BankID broker (Signicat's claims: nin, nin_type, nin_issuing_country; acr) and for the staff
// identity provider (email, roles). Nothing here is shortcut: clients register over RFC 7591,
// the code flow requires PKCE S256, codes are single use, ID tokens are RS256 with a kid.
//
// Test-only extras, both on the provider's own origin:
//   POST /test/accounts {sub, claims}  enrols a person (as a bank issues a BankID);
//   GET/POST /interaction/:uid          the login page: the person picks their account and the
//                                       assurance (acr) they authenticated with.
//
// Usage: node server.mjs PORT   (listens on 127.0.0.1:PORT, issuer http://127.0.0.1:PORT)
import { createServer } from 'node:http';
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import Provider from 'oidc-provider';

const port = Number(process.argv[2] ?? 4011);
const issuer = `http://127.0.0.1:${port}`;

// What the broker says the person authenticated with; Signicat's value for Swedish BankID first.
const BankIdAcr = 'idp:sbid';
const acrValues = [BankIdAcr, 'urn:cleanledger:test:password'];

const accounts = new Map();
const signingKey = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ format: 'jwk' });

const provider = new Provider(issuer, {
  acrValues,
  claims: {
    openid: ['sub'],
    profile: ['name', 'given_name', 'family_name'],
    email: ['email', 'email_verified'],
    nin: ['nin', 'nin_type', 'nin_issuing_country'],
    roles: ['roles'],
  },
  scopes: ['openid', 'offline_access', 'profile', 'email', 'nin', 'roles'],
  cookies: { keys: [randomBytes(32).toString('hex')] },
  jwks: { keys: [{ ...signingKey, kid: randomBytes(8).toString('hex'), use: 'sig', alg: 'RS256' }] },
  features: {
    devInteractions: { enabled: false },
    registration: { enabled: true },
  },
  pkce: { required: () => true },
  interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
  findAccount: async (_ctx, sub) => {
    const claims = accounts.get(sub);
    return claims && { accountId: sub, claims: async () => ({ sub, ...claims }) };
  },
  // The person consents to what the client asked for by signing in: no consent page.
  loadExistingGrant: async (ctx) => {
    const grant = new ctx.oidc.provider.Grant({ clientId: ctx.oidc.client.clientId, accountId: ctx.oidc.session.accountId });
    grant.addOIDCScope([...ctx.oidc.requestParamScopes].join(' '));
    await grant.save();
    return grant;
  },
  ttl: { AuthorizationCode: 60, IdToken: 600, AccessToken: 600, Interaction: 600, Session: 600, Grant: 600 },
});
provider.proxy = false;

const escape = (value) => String(value).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

async function readBody(req) {
  const chunks = [];
  let size = 0;
  for await (const chunk of req) {
    size += chunk.length;
    if (size > 65536) throw new Error('body too large');
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function send(res, status, type, body) {
  res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store' });
  res.end(body);
}

async function enrol(req, res) {
  const { sub, claims } = JSON.parse(await readBody(req));
  if (typeof sub !== 'string' || !sub || typeof claims !== 'object') return send(res, 400, 'text/plain', 'sub and claims are required');
  accounts.set(sub, claims);
  send(res, 204, 'text/plain', '');
}

async function interaction(req, res, uid, action) {
  const details = await provider.interactionDetails(req, res);
  if (details.uid !== uid) return send(res, 400, 'text/plain', 'interaction mismatch');
  const requestedAcr = (details.params.acr_values ?? '').split(' ').find((value) => acrValues.includes(value)) ?? BankIdAcr;

  if (req.method === 'GET') {
    return send(res, 200, 'text/html; charset=utf-8', `<!doctype html><title>Sign in</title>
<form method="post" action="/interaction/${escape(uid)}/login">
<label>Account <input name="account"></label>
<input type="hidden" name="acr" value="${escape(requestedAcr)}">
<button>Sign in</button></form>`);
  }
  if (action !== 'login') return send(res, 404, 'text/plain', 'not found');

  const form = new URLSearchParams(await readBody(req));
  const accountId = form.get('account');
  if (!accounts.has(accountId)) return send(res, 400, 'text/plain', 'unknown account');
  const acr = form.get('acr') ?? requestedAcr;
  await provider.interactionFinished(req, res, { login: { accountId, acr, amr: ['external'] } }, { mergeWithLastSubmission: false });
}

const callback = provider.callback();
createServer(async (req, res) => {
  try {
    const url = new URL(req.url, issuer);
    if (url.pathname === '/test/accounts' && req.method === 'POST') return await enrol(req, res);
    const match = url.pathname.match(/^\/interaction\/([^/]+)(?:\/(login))?$/);
    if (match) return await interaction(req, res, match[1], match[2]);
    return callback(req, res);
  } catch (error) {
    if (!res.headersSent) send(res, 400, 'text/plain', String(error?.message ?? error));
  }
}).listen(port, '127.0.0.1', () => console.log(`oidc-provider listening on ${issuer}`));
