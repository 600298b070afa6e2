"""API tables: which protocol, how they compare, design rules, serialization formats."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..records import Column, Item, ItemList, Record, Source, Table

__all__ = ["TABLES", "LISTS", "ApiProtocol", "RpcProtocol", "SerializationFormat"]

_PROTOBUF = Source(
    "Protocol Buffers language guide (proto3): assigning field numbers",
    "https://protobuf.dev/programming-guides/proto3/#assigning",
    2026,
)
_AVRO = Source(
    "Apache Avro specification: schema resolution",
    "https://avro.apache.org/docs/1.12.0/specification/#schema-resolution",
    2026,
)


@dataclass(frozen=True, kw_only=True)
class ApiProtocol(Record):
    """An API style and the situations it fits."""

    use_when: str
    avoid_when: str


@dataclass(frozen=True, kw_only=True)
class RpcProtocol(Record):
    """How an API protocol behaves on the wire."""

    latency: str
    payload: str
    streaming: str
    use: str


@dataclass(frozen=True, kw_only=True)
class SerializationFormat(Record):
    """A serialization format: its encoding, relative size and speed, and how it evolves."""

    kind: str
    size: str
    speed: str
    use_case: str
    evolution: str


API_PROTOCOLS: Table[ApiProtocol] = Table(
    name="api_protocols",
    title="Which API protocol?",
    caption="REST at the edge, gRPC between services; reach for the others when the "
    "interaction demands it.",
    columns=(
        Column("name", "Protocol"),
        Column("use_when", "Use when"),
        Column("avoid_when", "Think twice when"),
    ),
    facets=("public API", "internal", "server push", "bidirectional"),
    rows=(
        ApiProtocol(
            name="REST (HTTP + JSON)",
            use_when="Public APIs, browser clients, plain CRUD over resources; HTTP caching "
            "and tooling come for free",
            avoid_when="Chatty service-to-service calls where payload size and parse time dominate",
            tags=frozenset({"public API"}),
        ),
        ApiProtocol(
            name="gRPC",
            use_when="Calls between internal services, streaming, mobile clients that gain "
            "from compact Protobuf messages",
            avoid_when="Browsers must call it directly (needs gRPC-Web and a proxy) or "
            "third parties expect plain HTTP",
            tags=frozenset({"internal", "server push", "bidirectional"}),
        ),
        ApiProtocol(
            name="GraphQL",
            use_when="Several client types each need different fields from one backend "
            "(a backend-for-frontend); flexible queries",
            avoid_when="Simple CRUD, or when HTTP caching by URL matters; query cost needs limits",
            tags=frozenset({"public API", "server push"}),
        ),
        ApiProtocol(
            name="WebSocket",
            use_when="Both sides send at any time: chat, multiplayer games, collaborative "
            "editing, live feeds",
            avoid_when="Only the server pushes (SSE is simpler); the connection is "
            "stateful, which complicates load balancing",
            tags=frozenset({"server push", "bidirectional"}),
        ),
        ApiProtocol(
            name="SSE (Server-Sent Events)",
            use_when="One-way stream from server to client: notifications, live "
            "dashboards, token streaming",
            avoid_when="The client must also stream data back, or payloads are binary",
            tags=frozenset({"server push", "public API"}),
        ),
    ),
)

RPC_PROTOCOLS: Table[RpcProtocol] = Table(
    name="rpc_protocols",
    title="RPC and API protocols compared",
    caption="Latency is relative and mostly about encoding and connection reuse; the "
    "network round trip is the same for all of them.",
    columns=(
        Column("name", "Protocol"),
        Column("latency", "Latency"),
        Column("payload", "Payload"),
        Column("streaming", "Streaming"),
        Column("use", "Typical use"),
    ),
    rows=(
        RpcProtocol(
            name="REST / HTTP",
            latency="Medium",
            payload="JSON text, verbose",
            streaming="No: one response per request (chunked responses or SSE on the side)",
            use="Public APIs, browsers",
        ),
        RpcProtocol(
            name="gRPC",
            latency="Low",
            payload="Protobuf binary, compact",
            streaming="Yes: client, server and bidirectional streams over HTTP/2",
            use="Internal services, mobile",
        ),
        RpcProtocol(
            name="GraphQL",
            latency="Medium",
            payload="JSON shaped by the query",
            streaming="Subscriptions (usually over WebSocket)",
            use="Backend-for-frontend, flexible client queries",
        ),
        RpcProtocol(
            name="WebSocket",
            latency="Very low once the connection is open",
            payload="Text or binary frames",
            streaming="Bidirectional",
            use="Chat, games, live data",
        ),
        RpcProtocol(
            name="SSE",
            latency="Low",
            payload="UTF-8 text events",
            streaming="Server to client only",
            use="Notifications, live feeds",
        ),
    ),
)

SERIALIZATION_FORMATS: Table[SerializationFormat] = Table(
    name="serialization_formats",
    title="Serialization formats",
    caption="Size and speed are relative to each other; the last column is what decides "
    "whether old and new code can keep talking.",
    columns=(
        Column("name", "Format"),
        Column("kind", "Type"),
        Column("size", "Size"),
        Column("speed", "Speed"),
        Column("use_case", "Use case"),
        Column("evolution", "How the schema evolves"),
    ),
    facets=("binary", "text", "needs a schema"),
    rows=(
        SerializationFormat(
            name="JSON",
            kind="Text",
            size="Large: every message repeats the field names",
            speed="Slow to parse",
            use_case="REST APIs, config files, anything a person reads",
            evolution="Fields are matched by name; readers ignore unknown keys and treat "
            "missing ones as optional. Nothing enforces it unless you add JSON Schema",
            tags=frozenset({"text"}),
        ),
        SerializationFormat(
            name="Protocol Buffers",
            kind="Binary",
            size="Small",
            speed="Fast",
            use_case="gRPC, internal services",
            evolution="Each field is identified on the wire by its **number**, not its "
            "name: add fields under new numbers, never reuse or renumber one (reserve "
            "removed numbers); old readers skip fields they do not know",
            source=_PROTOBUF,
            tags=frozenset({"binary", "needs a schema"}),
        ),
        SerializationFormat(
            name="Avro",
            kind="Binary",
            size="Small: no field names or numbers on the wire",
            speed="Fast",
            use_case="Kafka events, Hadoop and data lakes",
            evolution="The reader needs the writer's schema (in a file header, or a schema "
            "ID resolved by a registry); fields are then matched **by name** between the "
            "two schemas. New fields need a default; renames go through aliases",
            source=_AVRO,
            tags=frozenset({"binary", "needs a schema"}),
        ),
        SerializationFormat(
            name="MessagePack",
            kind="Binary",
            size="Smaller than JSON",
            speed="Fast",
            use_case="Caches such as Redis, embedded systems, JSON-shaped data made compact",
            evolution="No schema at all: like JSON, keys travel in each message, and "
            "compatibility is entirely the application's job",
            tags=frozenset({"binary"}),
        ),
        SerializationFormat(
            name="XML",
            kind="Text",
            size="Very large: opening and closing tags",
            speed="Slow",
            use_case="SOAP, legacy enterprise integrations, document formats",
            evolution="Elements are matched by name; an XSD can validate, and namespaces "
            "separate versions, but readers must be written to ignore what they do not "
            "know",
            tags=frozenset({"text"}),
        ),
    ),
)

API_DESIGN_RULES = ItemList(
    name="api_design_rules",
    title="API design rules",
    items=(
        Item(
            "Make retries safe",
            "GET, PUT and DELETE are idempotent by definition, so repeating them changes "
            "nothing more. POST is not: accept an `Idempotency-Key` header, store the key "
            "with the first response, and replay that response when the key comes again.",
        ),
        Item(
            "Paginate with a cursor, not an offset",
            "An opaque cursor (the last key seen) stays stable when rows are inserted and "
            "costs the same on page 1,000 as on page 1; `OFFSET` skips or repeats items "
            "after inserts and gets slower the deeper you go.",
        ),
        Item(
            "Version the API",
            "Put the major version in the path (`/v1/`) and never break a published "
            "version: add fields, do not rename or remove them.",
        ),
        Item(
            "Answer long work with `202 Accepted`",
            "Return a job ID (and a status URL) at once, do the work asynchronously, and "
            "let the client poll or receive a callback.",
        ),
    ),
)

WHY_SERIALIZE = ItemList(
    name="why_serialize",
    title="Why serialize at all",
    items=(
        Item("Network", "Sockets, HTTP and Kafka carry bytes, not in-memory objects."),
        Item("Persistence", "Databases, Redis and files store bytes too."),
        Item(
            "Across languages",
            "A shared format (Protobuf, Avro, JSON) lets a Java producer and a Python "
            "consumer read the same record.",
        ),
        Item("Caching", "A value is serialized into Redis on write and decoded on a hit."),
        Item(
            "RPC",
            "gRPC encodes each call as Protobuf, smaller and quicker to parse than JSON "
            "for service-to-service traffic.",
        ),
    ),
)

SCHEMA_REGISTRY = ItemList(
    name="schema_registry",
    title="Schema registry",
    items=(
        Item(
            "One store for every schema",
            "A registry (Confluent Schema Registry is the common one) keeps each version "
            "of the Avro, Protobuf or JSON Schema of a topic.",
        ),
        Item(
            "Messages carry an ID, not the schema",
            "The producer registers its schema and puts the small schema ID in each "
            "message; the consumer fetches the writer's schema by that ID (Avro needs it "
            "to decode).",
        ),
        Item(
            "Compatibility is checked before it breaks anyone",
            "A new version is rejected unless it meets the subject's rule: backward "
            "(new readers read old data), forward (old readers read new data) or full.",
        ),
        Item(
            "It makes rolling deploys safe",
            "Producers and consumers can upgrade in any order the rule allows, with no downtime.",
        ),
    ),
)

# Any: Table is invariant in its row type, and the catalog reads rows as Record.
TABLES: list[Table[Any]] = [API_PROTOCOLS, RPC_PROTOCOLS, SERIALIZATION_FORMATS]
LISTS: list[ItemList] = [API_DESIGN_RULES, WHY_SERIALIZE, SCHEMA_REGISTRY]
