"""Security tables for design reviews: access control, sessions and tokens, OAuth 2.0 and
OpenID Connect flows, encryption layers and tenant isolation."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..records import Column, Item, ItemList, Record, Source, Table

__all__ = [
    "TABLES",
    "LISTS",
    "AccessControl",
    "SessionModel",
    "OAuthFlow",
    "EncryptionLayer",
    "TenantModel",
    "ACCESS_CONTROL",
    "SESSION_MODELS",
    "OAUTH_FLOWS",
    "ENCRYPTION_LAYERS",
    "TENANT_ISOLATION",
]

_OWASP_AUTHN = Source(
    "OWASP Authentication Cheat Sheet",
    "https://cheatsheetseries.owasp.org/cheatsheets/Authentication_Cheat_Sheet.html",
    2026,
)
_OWASP_AUTHZ = Source(
    "OWASP Authorization Cheat Sheet",
    "https://cheatsheetseries.owasp.org/cheatsheets/Authorization_Cheat_Sheet.html",
    2026,
)
_BOLA = Source(
    "OWASP API Security Top 10 (2023) — API1: Broken Object Level Authorization",
    "https://owasp.org/API-Security/editions/2023/en/0xa1-broken-object-level-authorization/",
    2026,
)
_ZANZIBAR = Source(
    "Pang et al. — Zanzibar: Google's Consistent, Global Authorization System (USENIX ATC 2019)",
    "https://research.google/pubs/zanzibar-googles-consistent-global-authorization-system/",
    2026,
)
_SPIFFE = Source(
    "SPIFFE — Secure Production Identity Framework for Everyone: concepts",
    "https://spiffe.io/docs/latest/spiffe-about/spiffe-concepts/",
    2026,
)
_OWASP_SESSIONS = Source(
    "OWASP Session Management Cheat Sheet",
    "https://cheatsheetseries.owasp.org/cheatsheets/Session_Management_Cheat_Sheet.html",
    2026,
)
_OWASP_JWT = Source(
    "OWASP JSON Web Token Cheat Sheet (token revocation, storage, algorithm checks)",
    "https://cheatsheetseries.owasp.org/cheatsheets/JSON_Web_Token_for_Java_Cheat_Sheet.html",
    2026,
)
_RFC7662 = Source(
    "RFC 7662 — OAuth 2.0 Token Introspection", "https://www.rfc-editor.org/rfc/rfc7662", 2026
)
_RFC8725 = Source(
    "RFC 8725 — JSON Web Token Best Current Practices",
    "https://www.rfc-editor.org/rfc/rfc8725",
    2026,
)
_RFC6749 = Source(
    "RFC 6749 — The OAuth 2.0 Authorization Framework",
    "https://www.rfc-editor.org/rfc/rfc6749",
    2026,
)
_RFC7636 = Source(
    "RFC 7636 — Proof Key for Code Exchange (PKCE)", "https://www.rfc-editor.org/rfc/rfc7636", 2026
)
_RFC8628 = Source(
    "RFC 8628 — OAuth 2.0 Device Authorization Grant",
    "https://www.rfc-editor.org/rfc/rfc8628",
    2026,
)
_RFC9700 = Source(
    "RFC 9700 — Best Current Practice for OAuth 2.0 Security (January 2025)",
    "https://www.rfc-editor.org/rfc/rfc9700",
    2026,
)
_OIDC = Source(
    "OpenID Connect Core 1.0",
    "https://openid.net/specs/openid-connect-core-1_0.html",
    2026,
)
_RFC8446 = Source(
    "RFC 8446 — The Transport Layer Security (TLS) Protocol Version 1.3",
    "https://www.rfc-editor.org/rfc/rfc8446",
    2026,
)
_KMS = Source(
    "AWS Key Management Service — Envelope encryption",
    "https://docs.aws.amazon.com/kms/latest/developerguide/kms-cryptography.html#enveloping",
    2026,
)
_NIST_STORAGE = Source(
    "NIST SP 800-111 — Guide to Storage Encryption Technologies for End User Devices",
    "https://csrc.nist.gov/pubs/sp/800/111/final",
    2026,
)
_SAAS_LENS = Source(
    "AWS Well-Architected SaaS Lens — Silo, pool, and bridge models",
    "https://docs.aws.amazon.com/wellarchitected/latest/saas-lens/silo-pool-and-bridge-models.html",
    2026,
)
_POSTGRES_RLS = Source(
    "PostgreSQL documentation — Row Security Policies",
    "https://www.postgresql.org/docs/current/ddl-rowsecurity.html",
    2026,
)
_SIGNAL = Source(
    "Signal — Technical documentation (X3DH and Double Ratchet)", "https://signal.org/docs/", 2026
)
_OWASP_SECRETS = Source(
    "OWASP Secrets Management Cheat Sheet",
    "https://cheatsheetseries.owasp.org/cheatsheets/Secrets_Management_Cheat_Sheet.html",
    2026,
)


@dataclass(frozen=True, kw_only=True)
class AccessControl(Record):
    """One layer of access control: the question it answers, how, where, and how it fails."""

    answers: str
    mechanisms: str
    fails_when: str


ACCESS_CONTROL: Table[AccessControl] = Table(
    name="access_control",
    title="Authentication and authorisation",
    caption="Authentication establishes who is calling, once per session or token; "
    "authorisation decides, on every request, whether that caller may do this to this "
    "object.",
    columns=(
        Column("name", "Layer"),
        Column("answers", "Answers"),
        Column("mechanisms", "Mechanisms"),
        Column("fails_when", "Fails when"),
    ),
    rows=(
        AccessControl(
            name="Authentication (people)",
            answers="Who is this user?",
            mechanisms="An identity provider: passwords with MFA, passkeys (WebAuthn), single "
            "sign-on with OpenID Connect or SAML",
            fails_when="Every service rolls its own login; no rate limit on guesses; "
            "sessions never expire",
            source=_OWASP_AUTHN,
        ),
        AccessControl(
            name="Authentication (services)",
            answers="Which workload is calling?",
            mechanisms="Mutual TLS with short-lived certificates (SPIFFE identities, a "
            "service mesh), cloud workload identity, OAuth client credentials",
            fails_when="Long-lived shared API keys; 'inside the network' treated as trusted",
            source=_SPIFFE,
        ),
        AccessControl(
            name="Role-based authorisation (RBAC)",
            answers="May this role use this feature?",
            mechanisms="Roles or scopes in the session or token, checked at the gateway or "
            "in the service",
            fails_when="Roles multiply per customer; a role is checked but not whose data it is",
            source=_OWASP_AUTHZ,
        ),
        AccessControl(
            name="Object-level authorisation",
            answers="May this caller act on this object (order 42)?",
            mechanisms="Check ownership or tenancy on every read and write, in the service "
            "that owns the data; relationship-based systems (Zanzibar-style) at scale",
            fails_when="An id in the URL is trusted: changing /orders/42 to /orders/43 shows "
            "someone else's order — the top API risk in OWASP's list",
            source=_BOLA,
        ),
        AccessControl(
            name="Relationship-based authorisation (ReBAC)",
            answers="Is this user related to this object through some path (owner, team, "
            "shared folder)?",
            mechanisms="A central store of relation tuples answering check calls, as Google's "
            "Zanzibar (and open-source systems modelled on it)",
            fails_when="Checks read stale relations after a permission is removed; Zanzibar "
            "orders them with consistency tokens",
            source=_ZANZIBAR,
        ),
    ),
)


@dataclass(frozen=True, kw_only=True)
class SessionModel(Record):
    """A way to remember a signed-in caller: where the state lives, revocation, cost, fit."""

    state: str
    revocation: str
    per_request: str
    fits: str


SESSION_MODELS: Table[SessionModel] = Table(
    name="session_models",
    title="Sessions and tokens",
    caption="Every option keeps some state on the server once logout or a stolen token "
    "must take effect before expiry; they differ in where and how often it is read.",
    columns=(
        Column("name", "Model"),
        Column("state", "State lives in"),
        Column("revocation", "Revocation"),
        Column("per_request", "Cost per request"),
        Column("fits", "Fits"),
    ),
    rows=(
        SessionModel(
            name="Server-side session",
            state="A session store (Redis, the database); the browser holds an opaque, random "
            "id in an HttpOnly, Secure, SameSite cookie",
            revocation="Immediate: delete the session",
            per_request="One lookup in the session store (sub-millisecond in Redis)",
            fits="Web apps with a first-party front end; the simplest safe default",
            source=_OWASP_SESSIONS,
        ),
        SessionModel(
            name="Self-contained token (JWT)",
            state="The token: signed claims (user, scopes, expiry) the service verifies with a "
            "public key",
            revocation="Not before expiry, unless every service checks a deny list (which is "
            "server-side state again)",
            per_request="A signature check, no lookup",
            fits="Short-lived access tokens between services and across organisations",
            source=_OWASP_JWT,
        ),
        SessionModel(
            name="Opaque token with introspection",
            state="The authorisation server; the token is a random reference",
            revocation="Immediate at the server; as fast as caches of introspection results expire",
            per_request="A call to the introspection endpoint, usually cached for seconds",
            fits="APIs that must cut off a token at once (banking, admin)",
            source=_RFC7662,
        ),
        SessionModel(
            name="Short-lived JWT and refresh token",
            state="Access JWT (minutes) on the client; refresh token (days) recorded by the "
            "authorisation server",
            revocation="Revoke the refresh token: access ends when the JWT expires (minutes); "
            "rotate refresh tokens to detect theft",
            per_request="A signature check; a refresh call every few minutes",
            fits="Mobile and single-page apps, microservices behind a gateway",
            source=_RFC9700,
        ),
    ),
)


@dataclass(frozen=True, kw_only=True)
class OAuthFlow(Record):
    """An OAuth 2.0 grant (or OpenID Connect's layer on top): who uses it, how, its status."""

    used_for: str
    how: str
    status: str


OAUTH_FLOWS: Table[OAuthFlow] = Table(
    name="oauth_flows",
    title="OAuth 2.0 and OpenID Connect flows",
    caption="OAuth 2.0 delegates access (an access token for an API); OpenID Connect adds "
    "login (an ID token saying who the user is). The status column follows the current "
    "security best practice.",
    ages=True,
    columns=(
        Column("name", "Flow"),
        Column("used_for", "Used for"),
        Column("how", "How"),
        Column("status", "Status"),
    ),
    rows=(
        OAuthFlow(
            name="Authorization code with PKCE",
            used_for="Users signing in to web, mobile and single-page apps",
            how="The browser is redirected to the authorisation server, comes back with a "
            "one-time code, and the app swaps code + PKCE verifier for tokens",
            status="Recommended for every client, public or confidential",
            source=_RFC7636,
        ),
        OAuthFlow(
            name="OpenID Connect",
            used_for="Login and single sign-on",
            how="The code flow with scope 'openid': the token response adds an ID token (a "
            "JWT naming the user, for the client) beside the access token (for APIs)",
            status="The standard for federated login",
            source=_OIDC,
        ),
        OAuthFlow(
            name="Client credentials",
            used_for="Service-to-service calls with no user",
            how="The client authenticates itself (secret, signed JWT or mTLS) and receives an "
            "access token for its own identity",
            status="Current",
            source=_RFC6749,
        ),
        OAuthFlow(
            name="Device authorization",
            used_for="TVs, consoles and command-line tools without a browser",
            how="The device shows a code; the user approves it on a phone; the device polls "
            "for its tokens",
            status="Current",
            source=_RFC8628,
        ),
        OAuthFlow(
            name="Refresh token",
            used_for="Getting a new short-lived access token without asking the user again",
            how="The client presents the refresh token; servers should rotate it on use or "
            "bind it to the client",
            status="Current",
            source=_RFC9700,
        ),
        OAuthFlow(
            name="Implicit",
            used_for="Formerly, single-page apps",
            how="The access token came back in the redirect URL's fragment",
            status="Should not be used: tokens leak through history and referrers",
            source=_RFC9700,
        ),
        OAuthFlow(
            name="Resource owner password credentials",
            used_for="Formerly, first-party apps taking the user's password",
            how="The app sends the user's name and password to the token endpoint",
            status="Must not be used: it exposes the password and cannot do MFA",
            source=_RFC9700,
        ),
    ),
)


@dataclass(frozen=True, kw_only=True)
class EncryptionLayer(Record):
    """A layer of encryption: what it protects against, what it does not, who holds the key."""

    protects: str
    not_against: str
    keys: str


ENCRYPTION_LAYERS: Table[EncryptionLayer] = Table(
    name="encryption_layers",
    title="Encryption in transit and at rest",
    caption="Each layer answers a different threat; a design usually needs the first and "
    "third everywhere and the others where the data or the rules call for them.",
    columns=(
        Column("name", "Layer"),
        Column("protects", "Protects against"),
        Column("not_against", "Does not protect against"),
        Column("keys", "Keys held by"),
    ),
    rows=(
        EncryptionLayer(
            name="TLS to the edge (HTTPS)",
            protects="Eavesdropping and tampering between client and your edge",
            not_against="Anything after the point where TLS is terminated",
            keys="The CDN or load balancer terminating TLS (certificate private key)",
            source=_RFC8446,
        ),
        EncryptionLayer(
            name="Mutual TLS between services",
            protects="A listener or impostor inside the network; also proves each caller's "
            "identity",
            not_against="A compromised service with a valid certificate",
            keys="Each workload, with short-lived certificates from an internal CA or mesh",
            source=_SPIFFE,
        ),
        EncryptionLayer(
            name="Disk and volume encryption",
            protects="Lost or stolen disks, decommissioned hardware, raw snapshots",
            not_against="Anyone who can query the running database or read the mounted disk",
            keys="The cloud provider's key service or the host",
            source=_NIST_STORAGE,
        ),
        EncryptionLayer(
            name="Application-level (envelope) encryption",
            protects="Database admins, backups and logs seeing sensitive fields (card numbers, "
            "health data); deleting a key erases the data it encrypts",
            not_against="A compromised application that can ask the key service to decrypt",
            keys="A key management service: a data key per record or tenant, wrapped by a "
            "master key that never leaves the KMS",
            source=_KMS,
        ),
        EncryptionLayer(
            name="End-to-end encryption",
            protects="The service operator itself reading content",
            not_against="Compromised endpoints; metadata (who talks to whom, when)",
            keys="Only the users' devices; the server cannot search or index the content",
            source=_SIGNAL,
        ),
    ),
)


@dataclass(frozen=True, kw_only=True)
class TenantModel(Record):
    """A multi-tenant deployment model: isolation, cost, noisy neighbours and operations."""

    isolation: str
    cost: str
    noisy_neighbour: str
    operations: str


TENANT_ISOLATION: Table[TenantModel] = Table(
    name="tenant_isolation",
    title="Tenant isolation models",
    caption="Many products mix them: pooled for the long tail of small tenants, siloed for "
    "the few that pay for it or whose regulators require it.",
    columns=(
        Column("name", "Model"),
        Column("isolation", "Isolation"),
        Column("cost", "Cost per tenant"),
        Column("noisy_neighbour", "Noisy neighbours"),
        Column("operations", "Operations"),
    ),
    rows=(
        TenantModel(
            name="Silo (stack or account per tenant)",
            isolation="Strongest: separate databases, compute and often cloud accounts",
            cost="Highest: idle capacity per tenant",
            noisy_neighbour="None",
            operations="Deploy and migrate N copies; per-tenant keys and regions are easy",
            source=_SAAS_LENS,
        ),
        TenantModel(
            name="Bridge (schema or database per tenant)",
            isolation="Separate schemas or databases on shared servers",
            cost="Medium",
            noisy_neighbour="Shared CPU and I/O on a server",
            operations="Schema migrations run once per tenant; thousands of schemas strain "
            "catalogs and connection pools",
            source=_SAAS_LENS,
        ),
        TenantModel(
            name="Pool (shared tables, tenant_id column)",
            isolation="Logical: every query filters by tenant, ideally enforced by the "
            "database (row-level security) rather than by each query",
            cost="Lowest",
            noisy_neighbour="Real: one tenant's load slows all; needs per-tenant quotas",
            operations="One deployment; one missing filter leaks data across tenants",
            source=_POSTGRES_RLS,
        ),
    ),
)

JWT_CAVEATS = ItemList(
    name="jwt_caveats",
    title="JWT caveats",
    items=(
        Item(
            "Signed is not encrypted",
            "Anyone holding a JWT can read its claims (they are base64url, not secret): "
            "never put personal data or secrets in one.",
            _RFC8725,
        ),
        Item(
            "Pin the algorithm and the key",
            "Reject 'alg: none' and accept only the algorithm you expect for each key; "
            "otherwise an RS256 public key can be used as an HS256 secret.",
            _RFC8725,
        ),
        Item(
            "Check issuer, audience and expiry",
            "A token minted for another service (aud) or by another issuer (iss) must be "
            "refused, as must an expired one (exp), with a small clock-skew allowance.",
            _RFC8725,
        ),
        Item(
            "Keep access tokens short-lived",
            "A JWT cannot be recalled: minutes, not days, with refresh tokens for the rest, "
            "or a deny list checked on every request.",
            _OWASP_JWT,
        ),
        Item(
            "Rotate signing keys",
            "Publish keys as a JWKS and name the key in the token's kid header, so a new key "
            "can sign while the old one still verifies.",
            _RFC8725,
        ),
        Item(
            "Store it where scripts cannot read it",
            "In a browser, a token in localStorage is readable by any injected script; an "
            "HttpOnly, Secure, SameSite cookie (or a backend-for-frontend) is not.",
            _OWASP_JWT,
        ),
        Item(
            "Mind the size",
            "Every request carries the token: a few dozen claims make it kilobytes, past "
            "cookie limits and into every header.",
        ),
    ),
)

SECRETS_RULES = ItemList(
    name="secrets_rules",
    title="Secrets in a design",
    items=(
        Item(
            "No secrets in code, images or environment files in the repository",
            "They leak through history, forks, build logs and container registries.",
            _OWASP_SECRETS,
        ),
        Item(
            "A secrets manager or vault holds them",
            "Services fetch them at start-up or mount them, with access audited and limited "
            "per service.",
            _OWASP_SECRETS,
        ),
        Item(
            "Prefer identities to secrets",
            "Cloud workload identity, OIDC federation for CI jobs and mTLS certificates "
            "remove long-lived keys altogether.",
            _SPIFFE,
        ),
        Item(
            "Short-lived and rotated",
            "Dynamic database credentials that expire in hours; rotation that is automated "
            "and tested, so a leak has a short life.",
            _OWASP_SECRETS,
        ),
        Item(
            "Least privilege per service",
            "One credential per service and purpose, scoped to what it needs, so one leak "
            "opens one door.",
            _OWASP_SECRETS,
        ),
        Item(
            "Keys in a KMS, data keys wrapped",
            "Master keys never leave the key service; per-tenant data keys allow "
            "crypto-shredding a tenant by deleting its key.",
            _KMS,
        ),
    ),
)

_TABLES: tuple[Table[Any], ...] = (
    ACCESS_CONTROL,
    SESSION_MODELS,
    OAUTH_FLOWS,
    ENCRYPTION_LAYERS,
    TENANT_ISOLATION,
)
# Any: Table is invariant in its row type, and the catalog reads rows as Record.
TABLES: list[Table[Record]] = list(_TABLES)
LISTS: list[ItemList] = [JWT_CAVEATS, SECRETS_RULES]
