// A real OpenID Connect provider (panva's oidc-provider) for integration and browser tests.
// Started by tests/oidc_provider.py (run_oidc_provider); configured only from the environment:
//
//   OIDC_PORT                       listen on 127.0.0.1:<port>; issuer http://127.0.0.1:<port>
//   OIDC_CLIENT_ID                  the one confidential client ...
//   OIDC_CLIENT_SECRET              ... and its secret (client_secret_post or client_secret_basic)
//   OIDC_REDIRECT_URIS              comma-separated
//   OIDC_POST_LOGOUT_REDIRECT_URIS  comma-separated (may be empty)
//   OIDC_ACCOUNTS                   JSON list of {"sub", "email", "email_verified", "name", "groups"}
//
// Login: GET /interaction/<uid> shows a form (input[name=login], input[name=password],
// button[type=submit]); the login is an account's sub or email, any password is accepted, an
// unknown login gets the form again with p.error. Consent is never asked: the client is granted
// "openid email profile" outright. Claims: openid -> sub; email -> email, email_verified;
// profile -> name, groups (and given_name, family_name, preferred_username when an account has
// them); in the ID token and from userinfo alike. PKCE (S256) is optional.
// RP-initiated logout: the confirmation page submits itself (logout=yes) with a script; without
// JavaScript, press button#logout-confirm.
//
// Prints exactly one line "READY http://127.0.0.1:<port>" on stdout once listening; everything
// else goes to stderr. Exits 0 on SIGTERM or SIGINT.

import { generateKeyPairSync, randomBytes, randomUUID } from 'node:crypto';

import Provider from 'oidc-provider';

function fail(message) {
  process.stderr.write(`oidc test provider: ${message}\n`);
  process.exit(2);
}

function required(name) {
  const value = process.env[name];
  if (value === undefined || value === '') fail(`${name} is required`);
  return value;
}

function list(name) {
  return (process.env[name] ?? '').split(',').map((item) => item.trim()).filter(Boolean);
}

const port = Number.parseInt(required('OIDC_PORT'), 10);
if (!Number.isInteger(port) || port <= 0 || port > 65535) fail('OIDC_PORT must be a TCP port');
const issuer = `http://127.0.0.1:${port}`;

let accounts;
try {
  accounts = JSON.parse(required('OIDC_ACCOUNTS'));
} catch (error) {
  fail(`OIDC_ACCOUNTS is not JSON: ${error.message}`);
}
if (!Array.isArray(accounts) || accounts.some((a) => !a || typeof a.sub !== 'string' || !a.sub)) {
  fail('OIDC_ACCOUNTS must be a JSON list of objects, each with a non-empty string "sub"');
}

const bySub = new Map(accounts.map((account) => [account.sub, account]));

function accountForLogin(login) {
  const wanted = (login ?? '').trim();
  if (!wanted) return undefined;
  return bySub.get(wanted)
    ?? accounts.find((a) => typeof a.email === 'string' && a.email.toLowerCase() === wanted.toLowerCase());
}

const OIDC_SCOPES = 'openid email profile';

function signingKey() {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return { ...privateKey.export({ format: 'jwk' }), kid: randomUUID(), alg: 'RS256', use: 'sig' };
}

function escapeHtml(value) {
  return String(value ?? '').replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function page(title, body) {
  return `<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head>
<body>
<h1>${escapeHtml(title)}</h1>
${body}
</body>
</html>`;
}

const configuration = {
  clients: [{
    client_id: required('OIDC_CLIENT_ID'),
    client_secret: required('OIDC_CLIENT_SECRET'),
    redirect_uris: list('OIDC_REDIRECT_URIS'),
    post_logout_redirect_uris: list('OIDC_POST_LOGOUT_REDIRECT_URIS'),
    response_types: ['code'],
    grant_types: ['authorization_code'],
    // The registered method; oidc-provider accepts client_secret_basic for it too (and vice versa).
    token_endpoint_auth_method: 'client_secret_post',
    id_token_signed_response_alg: 'RS256',
  }],
  jwks: { keys: [signingKey()] },
  cookies: { keys: [randomBytes(32).toString('hex')] },
  ttl: { // seconds; set explicitly so the library does not warn about its defaults
    AccessToken: 3600,
    AuthorizationCode: 120,
    Grant: 3600,
    IdToken: 3600,
    Interaction: 600,
    Session: 3600,
  },
  scopes: ['openid', 'email', 'profile'],
  claims: {
    openid: ['sub'],
    email: ['email', 'email_verified'],
    profile: ['name', 'given_name', 'family_name', 'preferred_username', 'groups'],
  },
  // Scope-requested claims go into the ID token as well, not only to userinfo.
  conformIdTokenClaims: false,
  pkce: { required: () => false },
  features: {
    devInteractions: { enabled: false }, // replaced below: they cannot log in by email
    userinfo: { enabled: true },
    rpInitiatedLogout: {
      enabled: true,
      async logoutSource(ctx, form) {
        const confirmed = form.replace('</form>', '<input type="hidden" name="logout" value="yes"/></form>');
        ctx.type = 'html';
        ctx.body = page('Sign out', `${confirmed}
<button id="logout-confirm" type="submit" form="op.logoutForm">Yes, sign me out</button>
<script>document.getElementById('op.logoutForm').submit();</script>`);
      },
      async postLogoutSuccessSource(ctx) {
        ctx.type = 'html';
        ctx.body = page('Signed out', '<p id="logout-success">You are signed out.</p>');
      },
    },
  },
  async findAccount(ctx, sub) {
    const account = bySub.get(sub);
    if (!account) return undefined;
    return {
      accountId: account.sub,
      async claims() {
        return { ...account, sub: account.sub };
      },
    };
  },
  // Consent is implied for the one test client: grant the OIDC scopes at once.
  async loadExistingGrant(ctx) {
    const grantId = ctx.oidc.result?.consent?.grantId
      || ctx.oidc.session.grantIdFor(ctx.oidc.client.clientId);
    if (grantId) return ctx.oidc.provider.Grant.find(grantId);
    const grant = new ctx.oidc.provider.Grant({
      clientId: ctx.oidc.client.clientId,
      accountId: ctx.oidc.session.accountId,
    });
    grant.addOIDCScope(OIDC_SCOPES);
    await grant.save();
    return grant;
  },
  async renderError(ctx, out) {
    ctx.type = 'html';
    ctx.body = page('OpenID provider error', Object.entries(out)
      .map(([key, value]) => `<pre class="error"><strong>${escapeHtml(key)}</strong>: ${escapeHtml(value)}</pre>`)
      .join('\n'));
  },
};

const provider = new Provider(issuer, configuration);

for (const event of ['server_error', 'authorization.error', 'grant.error', 'end_session.error', 'userinfo.error']) {
  provider.on(event, (ctx, error) => {
    process.stderr.write(`oidc test provider: ${event}: ${error?.message ?? error}`
      + `${error?.error_description ? ` (${error.error_description})` : ''}\n`);
  });
}

function loginForm(uid, { login = '', error = '' } = {}) {
  return page('Sign in', `${error ? `<p class="error" role="alert">${escapeHtml(error)}</p>` : ''}
<form id="login-form" method="post" action="/interaction/${escapeHtml(uid)}" autocomplete="off">
  <input type="hidden" name="prompt" value="login"/>
  <label>Login <input id="login" type="text" name="login" value="${escapeHtml(login)}" autofocus></label>
  <label>Password <input id="password" type="password" name="password"></label>
  <button id="login-submit" type="submit">Sign-in</button>
</form>`);
}

async function readForm(req) {
  const chunks = [];
  for await (const chunk of req) chunks.push(chunk);
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
}

async function grantConsent(ctx, details) {
  const { prompt, grantId, session, params } = details;
  const grant = grantId
    ? await provider.Grant.find(grantId)
    : new provider.Grant({ accountId: session.accountId, clientId: params.client_id });
  if (prompt.details.missingOIDCScope) grant.addOIDCScope(prompt.details.missingOIDCScope.join(' '));
  if (prompt.details.missingOIDCClaims) grant.addOIDCClaims(prompt.details.missingOIDCClaims);
  for (const [indicator, scopes] of Object.entries(prompt.details.missingResourceScopes ?? {})) {
    grant.addResourceScope(indicator, scopes.join(' '));
  }
  const result = { consent: { grantId: await grant.save() } };
  return provider.interactionResult(ctx.req, ctx.res, result, { mergeWithLastSubmission: true });
}

// The interactions (login; consent, should it ever be asked), in front of the provider's routes.
provider.use(async (ctx, next) => {
  const match = /^\/interaction\/([^/]+)$/.exec(ctx.path);
  if (!match || !['GET', 'POST'].includes(ctx.method)) return next();
  ctx.set('cache-control', 'no-store');
  const details = await provider.interactionDetails(ctx.req, ctx.res);
  if (details.uid !== match[1]) ctx.throw(400, 'interaction mismatch');
  let returnTo;
  if (details.prompt.name === 'login') {
    if (ctx.method === 'GET') {
      ctx.type = 'html';
      ctx.body = loginForm(details.uid, { login: details.params.login_hint });
      return undefined;
    }
    const form = await readForm(ctx.req);
    const account = accountForLogin(form.get('login'));
    if (!account) {
      ctx.type = 'html';
      ctx.body = loginForm(details.uid, { login: form.get('login'), error: 'Unknown user.' });
      return undefined;
    }
    returnTo = await provider.interactionResult(ctx.req, ctx.res, {
      login: { accountId: account.sub },
    }, { mergeWithLastSubmission: false });
  } else if (details.prompt.name === 'consent') {
    returnTo = await grantConsent(ctx, details);
  } else {
    ctx.throw(501, `prompt ${details.prompt.name} is not implemented`);
  }
  ctx.status = 303;
  ctx.redirect(returnTo);
  return undefined;
});

const server = provider.listen(port, '127.0.0.1', () => {
  process.stdout.write(`READY ${issuer}\n`);
});
server.on('error', (error) => fail(`cannot listen on 127.0.0.1:${port}: ${error.message}`));

function stop() {
  server.close(() => process.exit(0));
  server.closeAllConnections();
  setTimeout(() => process.exit(0), 1000).unref();
}
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
