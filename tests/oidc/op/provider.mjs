// A real OpenID Connect provider (npm "oidc-provider") for tests/oidc only, never deployed.
// Listens on a free loopback port and prints {"issuer": ...} as its first line of output.
// OP_CLIENTS (env): JSON list of {client_id, client_secret, redirect_uris, code_ttl}.
// Interactions are automatic: the account named by `login_hint` (default "reader-1") logs in
// and consents at once, so a test drives the whole flow with plain HTTP requests.
import { generateKeyPairSync, randomUUID } from "node:crypto";
import { createServer } from "node:http";
import Provider from "oidc-provider";

const ACCOUNTS = {
  "reader-1": { email: "reader@example.org", email_verified: true, name: "Rita Reader" },
  taken: { email: "taken@example.org", email_verified: true, name: "Tom Taken" },
  unverified: { email: "unverified@example.org", email_verified: false, name: "Una Known" },
};
const clients = JSON.parse(process.env.OP_CLIENTS || "[]");
const codeTtl = Object.fromEntries(clients.map((c) => [c.client_id, c.code_ttl || 60]));
const signingKey = generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey;

let provider;
const server = createServer(async (req, res) => {
  if (!req.url.startsWith("/interaction/")) return provider.callback()(req, res);
  try {
    const { prompt, params, session, grantId } = await provider.interactionDetails(req, res);
    let result;
    if (prompt.name === "login") {
      const accountId = params.login_hint in ACCOUNTS ? params.login_hint : "reader-1";
      result = { login: { accountId } };
    } else {
      const grant = grantId
        ? await provider.Grant.find(grantId)
        : new provider.Grant({ accountId: session.accountId, clientId: params.client_id });
      if (prompt.details.missingOIDCScope) grant.addOIDCScope(prompt.details.missingOIDCScope.join(" "));
      if (prompt.details.missingOIDCClaims) grant.addOIDCClaims(prompt.details.missingOIDCClaims);
      result = { consent: { grantId: await grant.save() } };
    }
    await provider.interactionFinished(req, res, result, { mergeWithLastSubmission: true });
  } catch (error) {
    console.error("interaction failed:", error);
    res.writeHead(500).end(String(error));
  }
});

server.listen(0, "127.0.0.1", () => {
  const issuer = `http://127.0.0.1:${server.address().port}`;
  provider = new Provider(issuer, {
    clients: clients.map(({ code_ttl, ...client }) => ({
      grant_types: ["authorization_code"],
      response_types: ["code"],
      token_endpoint_auth_method: "client_secret_post",
      ...client,
    })),
    jwks: { keys: [{ ...signingKey.export({ format: "jwk" }), kid: randomUUID(), use: "sig", alg: "RS256" }] },
    cookies: { keys: [randomUUID()] },
    claims: { openid: ["sub"], email: ["email", "email_verified"], profile: ["name", "preferred_username"] },
    findAccount: async (ctx, sub) =>
      ACCOUNTS[sub] && { accountId: sub, claims: async () => ({ sub, preferred_username: sub, ...ACCOUNTS[sub] }) },
    features: { devInteractions: { enabled: false } },
    interactions: { url: (ctx, interaction) => `/interaction/${interaction.uid}` },
    pkce: { required: () => true },
    ttl: { AuthorizationCode: (ctx, code, client) => codeTtl[client.clientId] ?? 60 },
  });
  provider.on("server_error", (ctx, error) => console.error("server_error:", error));
  provider.on("grant.error", (ctx, error) => console.error("grant.error:", error.message, error.error_detail ?? ""));
  console.log(JSON.stringify({ issuer }));
});

for (const signal of ["SIGTERM", "SIGINT"]) process.on(signal, () => server.close(() => process.exit(0)));
