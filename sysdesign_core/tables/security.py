"""Security for design reviews: sessions vs tokens, OAuth 2.0 / OIDC flows, tenant isolation,
and the rules for secrets and encryption."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..records import Column, Item, ItemList, Record, Source, Table

__all__ = ["TABLES", "LISTS", "SessionKind", "OAuthFlow", "TenantModel"]

_OWASP_SESSIONS = Source(
    "OWASP Cheat Sheet Series — Session Management",
    "https://cheatsheetseries.owasp.org/cheatsheets/Session_Management_Cheat_Sheet.html",
    2026,
)
_JWT_BCP = Source(
    "RFC 8725 — JSON Web Token Best Current Practices",
    "https://www.rfc-editor.org/rfc/rfc8725",
    2026,
)
_INTROSPECTION = Source(
    "RFC 7662 — OAuth 2.0 Token Introspection", "https://www.rfc-editor.org/rfc/rfc7662", 2026
)
_OAUTH_BCP = Source(
    "RFC 9700 — Best Current Practice for OAuth 2.0 Security (2025)",
    "https://www.rfc-editor.org/rfc/rfc9700",
    2026,
)
_SAAS_ISOLATION = Source(
    "AWS whitepaper — SaaS Tenant Isolation Strategies",
    "https://docs.aws.amazon.com/whitepapers/latest/saas-tenant-isolation-strategies/"
    "saas-tenant-isolation-strategies.html",
    2026,
)


@dataclass(frozen=True, kw_only=True)
class SessionKind(Record):
    """A way to carry a signed-in user's identity between requests."""

    how: str
    revocation: str
    scaling: str
    caveats: str


SESSIONS_VS_TOKENS: Table[SessionKind] = Table(
    name="sessions_vs_tokens",
    title="Sessions vs tokens",
    ages=True,
    columns=(
        Column("name", "Approach"),
        Column("how", "How"),
        Column("revocation", "Sign-out and revocation"),
        Column("scaling", "Lookup per request"),
        Column("caveats", "Caveats"),
    ),
    rows=(
        SessionKind(
            name="Server-side session",
            how="A random session id in a cookie (HttpOnly, Secure, SameSite); the session "
            "lives in a store",
            revocation="Immediate: delete the session",
            scaling="One store read per request (a cache such as Redis)",
            caveats="The store is on every request's path; cookies need CSRF protection "
            "(SameSite helps)",
            source=_OWASP_SESSIONS,
        ),
        SessionKind(
            name="Self-contained token (JWT)",
            how="A signed token carrying the user id, scopes and an expiry; any service can "
            "verify it with the issuer's public key",
            revocation="Not until it expires, unless every check consults a deny-list: keep "
            "access tokens short-lived (minutes) and refresh them",
            scaling="None: verification is local",
            caveats="Pin the algorithm and reject 'none'; validate issuer, audience and "
            "expiry; anyone can read the claims, so put no secrets in them",
            source=_JWT_BCP,
        ),
        SessionKind(
            name="Opaque token with introspection",
            how="A random token; services ask the authorization server what it means",
            revocation="Immediate",
            scaling="A call to the authorization server per request (usually cached briefly)",
            caveats="The authorization server becomes a dependency of every request",
            source=_INTROSPECTION,
        ),
    ),
)


@dataclass(frozen=True, kw_only=True)
class OAuthFlow(Record):
    """An OAuth 2.0 grant: who uses it and whether it is still recommended."""

    for_whom: str
    how: str
    status: str


OAUTH_FLOWS: Table[OAuthFlow] = Table(
    name="oauth_flows",
    title="OAuth 2.0 flows (and OpenID Connect)",
    caption="OAuth 2.0 grants access (an access token for an API). OpenID Connect adds "
    "authentication on top: an ID token that says who signed in.",
    ages=True,
    columns=(
        Column("name", "Flow"),
        Column("for_whom", "For"),
        Column("how", "How"),
        Column("status", "Status"),
    ),
    rows=(
        OAuthFlow(
            name="Authorization code with PKCE",
            for_whom="Web apps, single-page apps, mobile and desktop apps: anything a person "
            "signs in to",
            how="Redirect to the authorization server; the user signs in and consents; the "
            "app exchanges the returned code, plus a PKCE verifier, for tokens",
            status="Recommended for every client, public or confidential",
            source=Source(
                "RFC 7636 — Proof Key for Code Exchange (PKCE)",
                "https://www.rfc-editor.org/rfc/rfc7636",
                2026,
            ),
        ),
        OAuthFlow(
            name="Client credentials",
            for_whom="Service-to-service calls with no user",
            how="The service authenticates as itself (secret, private-key JWT or mutual TLS) "
            "and receives an access token",
            status="Recommended for machine clients",
            source=Source(
                "RFC 6749 — The OAuth 2.0 Authorization Framework, section 4.4",
                "https://www.rfc-editor.org/rfc/rfc6749#section-4.4",
                2026,
            ),
        ),
        OAuthFlow(
            name="Device authorization",
            for_whom="TVs, consoles, command-line tools: devices with no browser or keyboard",
            how="The device shows a code and a URL; the user approves on a phone; the device "
            "polls until it gets tokens",
            status="Recommended for input-constrained devices",
            source=Source(
                "RFC 8628 — OAuth 2.0 Device Authorization Grant",
                "https://www.rfc-editor.org/rfc/rfc8628",
                2026,
            ),
        ),
        OAuthFlow(
            name="Implicit",
            for_whom="Formerly single-page apps",
            how="The access token came back in the redirect URL",
            status="Should not be used: tokens leak through URLs and history; use the "
            "code flow with PKCE",
            source=_OAUTH_BCP,
        ),
        OAuthFlow(
            name="Resource owner password credentials",
            for_whom="Formerly first-party apps",
            how="The app collected the user's password and sent it to the token endpoint",
            status="Must not be used: the app sees the password, and multi-factor or "
            "federated sign-in cannot work",
            source=_OAUTH_BCP,
        ),
    ),
)


@dataclass(frozen=True, kw_only=True)
class TenantModel(Record):
    """A way to keep tenants of a multi-tenant service apart."""

    how: str
    isolation: str
    cost: str


TENANT_ISOLATION: Table[TenantModel] = Table(
    name="tenant_isolation",
    title="Tenant isolation models",
    caption="Many services mix them: pooled for most tenants, siloed for the largest or "
    "most regulated.",
    columns=(
        Column("name", "Model"),
        Column("how", "How"),
        Column("isolation", "Isolation"),
        Column("cost", "Cost and operations"),
    ),
    rows=(
        TenantModel(
            name="Silo",
            how="Each tenant gets its own stack: account, database or cluster",
            isolation="Strongest: no shared data path, no noisy neighbours",
            cost="Highest; every upgrade and migration runs once per tenant",
            source=_SAAS_ISOLATION,
        ),
        TenantModel(
            name="Bridge",
            how="Shared compute; a schema or database per tenant",
            isolation="Data separated by the database's permissions; compute shared",
            cost="Medium; schema changes multiply with tenants",
            source=_SAAS_ISOLATION,
        ),
        TenantModel(
            name="Pool",
            how="Shared everything; every row carries a tenant id",
            isolation="Only as strong as the check on every query: enforce it below the "
            "application (row-level security, scoped credentials)",
            cost="Lowest; one fleet to run; one tenant's load affects the others "
            "(rate-limit per tenant)",
            source=_SAAS_ISOLATION,
        ),
    ),
)


SECURITY_BASICS = ItemList(
    name="security_basics",
    title="Security checks for a design review",
    items=(
        Item(
            "Authentication is who you are; authorisation is what you may do",
            "Authenticate once at the edge (a gateway verifying tokens), but authorise in "
            "each service, against the resource: a valid token for user A must not read "
            "user B's order (the most common API flaw, broken object-level authorisation).",
            Source(
                "OWASP API Security Top 10 (2023) — API1: Broken Object Level Authorization",
                "https://owasp.org/API-Security/editions/2023/en/0xa1-broken-object-level-authorization/",
                2026,
            ),
        ),
        Item(
            "Secrets live in a secrets manager, not in code or images",
            "Inject them at run time, rotate them, prefer short-lived credentials (workload "
            "identity) to long-lived keys, and keep them out of logs.",
            Source(
                "OWASP Cheat Sheet Series — Secrets Management",
                "https://cheatsheetseries.owasp.org/cheatsheets/Secrets_Management_Cheat_Sheet.html",
                2026,
            ),
        ),
        Item(
            "Encrypt in transit everywhere, including inside the network",
            "TLS to the edge, and TLS or mutual TLS between services: a flat internal network "
            "is not a trust boundary.",
        ),
        Item(
            "Encrypt at rest with managed keys",
            "Storage-level encryption is a default on managed services; envelope encryption "
            "(data keys wrapped by a key in a KMS) lets you rotate and revoke keys, and "
            "deleting a tenant's key erases its data everywhere (crypto-shredding).",
        ),
        Item(
            "Least privilege for people and services",
            "Each service gets only the permissions its calls need; production access is "
            "temporary and logged.",
        ),
        Item(
            "Rate-limit and validate at the edge",
            "Per-user and per-IP limits on sign-in and expensive endpoints; size limits on "
            "bodies; reject what the schema does not allow.",
        ),
    ),
)


_TABLES: tuple[Table[Any], ...] = (SESSIONS_VS_TOKENS, OAUTH_FLOWS, TENANT_ISOLATION)
TABLES: list[Table[Record]] = list(_TABLES)
LISTS: list[ItemList] = [SECURITY_BASICS]
