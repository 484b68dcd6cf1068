"""Descriptions of every schema element, for GraphiQL's documentation explorer (issue 11 part 7).

`DESCRIPTIONS` is keyed by GraphQL schema coordinates: `Type`, `Type.field`, `Type.field(arg:)`,
`InputType.field` and `Enum.VALUE`. `apply_descriptions` writes them onto the built schema, in one
place, leaving every description set in code (`strawberry.field(description=...)`) as it is.
tests/ops/test_schema_descriptions.py fails on an element with no description and on a key that names
no element, so a new type, field, argument or enum value needs an entry here.

Each description is one line, cites its rule id (docs/rules.md, DOMAIN.md) and says what the code does.
The repetitive parts (mutation inputs and payloads, connections, sorts) come from the helpers below.
"""

from typing import Any

from graphql import GraphQLEnumType, GraphQLInputObjectType, GraphQLInterfaceType, GraphQLObjectType

ERRORS = "Broken rules as typed errors (code, message, field); when not empty, nothing was written."
IDEMPOTENCY = (
    "Optional, 1-255 characters: repeating the call with the same key and input returns the first result and "
    "writes nothing more; another input with the same key is IDEMPOTENCY_KEY_REUSED."
)
MONEY = "a Decimal string"


def _mutation(field: str, description: str | None, **payload: str) -> dict[str, str]:
    """The entries of one mutation: the field (unless described in code), its input and its payload."""
    name = field[0].upper() + field[1:]
    entries = {
        f"Mutation.{field}(input:)": f"What to do; see {name}Input.",
        f"{name}Input": f"Input of `{field}`.",
        f"{name}Input.idempotencyKey": IDEMPOTENCY,
        f"{name}Payload": f"Result of `{field}`: the objects it changed, or `errors` and nothing written.",
        f"{name}Payload.errors": ERRORS,
    }
    if description is not None:
        entries[f"Mutation.{field}"] = description
    entries.update({f"{name}Payload.{key}": text for key, text in payload.items()})
    return entries


def _connection(node: str, plural: str) -> dict[str, str]:
    """A Relay connection type and its edge type."""
    return {
        f"{node}Connection": f"One page of {plural}, cursor-paginated (Relay connection).",
        f"{node}Connection.edges": f"The {plural} of this page, each with its cursor.",
        f"{node}Connection.pageInfo": "Cursors and whether more pages follow or precede this one.",
        f"{node}Connection.totalCount": f"How many {plural} match the filter in the caller's scope (S3), all pages.",
        f"{node}Edge": f"One {node} in a page, with the cursor that resumes after it.",
        f"{node}Edge.cursor": "Opaque cursor of this edge: pass it as `after` to read the next items.",
        f"{node}Edge.node": f"The {node} itself.",
    }


def _list_field(field: str, plural: str, filter_text: str, sort_text: str) -> dict[str, str]:
    """A root connection field and its four arguments."""
    return {
        f"Query.{field}": f"{plural} in the caller's scope (S3), a page at a time; keyset paging on sort key + id.",
        f"Query.{field}(first:)": "Page size: default 50, capped at 100; a negative number is VALIDATION_ERROR.",
        f"Query.{field}(after:)": "Cursor from a previous page (an edge's cursor or pageInfo.endCursor); "
        "one this API did not give out is VALIDATION_ERROR.",
        f"Query.{field}(filter:)": filter_text,
        f"Query.{field}(sort:)": sort_text,
    }


def _sort(name: str, what: str) -> dict[str, str]:
    """A sort input: a field enum and a direction."""
    return {
        f"{name}": f"Order of the {what} in a connection; ties break on id, so paging is stable.",
        f"{name}.field": "The key to sort on; default CREATED_AT.",
        f"{name}.direction": "ASC (default) or DESC.",
    }


MUTATIONS: dict[str, str] = {
    **_mutation(
        "updateSettings",
        "Changes the organisation settings given; others stay. Needs MANAGE_SETTINGS (ADMIN). Errors: FORBIDDEN, "
        "VALIDATION_ERROR.",
        settings="The settings after the change; null when `errors` is not empty.",
    ),
    **_mutation(
        "createApiKey",
        "S1/S2: creates an API key for a role (and accounts); the secret is shown once. Needs MANAGE_KEYS (ADMIN). "
        "Errors: FORBIDDEN, VALIDATION_ERROR.",
        apiKey="The new key (without its secret); null when `errors` is not empty.",
    ),
    **_mutation(
        "revokeApiKey",
        (
            "S1: revoke an API key (MANAGE_KEYS); it stops working at once, also on open websockets. "
            "Errors: NOT_FOUND, FORBIDDEN."
        ),
        apiKey="The revoked key, `revokedAt` set; null when `errors` is not empty.",
    ),
    **_mutation(
        "createAccount",
        "Creates a customer account; a SALES_REP key owns the accounts it creates (S3). Needs MANAGE_ACCOUNTS. "
        "Errors: FORBIDDEN, VALIDATION_ERROR.",
        account="The new account; null when `errors` is not empty.",
    ),
    **_mutation(
        "createProduct",
        "Creates a catalog product with its list prices per currency and bundle components. Needs MANAGE_CATALOG "
        "(ADMIN). Errors: FORBIDDEN, NOT_FOUND (component), VALIDATION_ERROR (duplicate SKU, negative price).",
        product="The new product; null when `errors` is not empty.",
    ),
    **_mutation(
        "createOpportunity",
        "Creates an opportunity for an account in the caller's scope. Needs EDIT_OPPORTUNITIES. Errors: FORBIDDEN, "
        "NOT_FOUND, VALIDATION_ERROR.",
        opportunity="The new opportunity; null when `errors` is not empty.",
    ),
    **_mutation(
        "updateOpportunityStage",
        "Moves an opportunity to any stage (R1 automatic ordering is not in effect yet). Needs EDIT_OPPORTUNITIES. "
        "Errors: FORBIDDEN, NOT_FOUND.",
        opportunity="The opportunity at its new stage; null when `errors` is not empty.",
    ),
    **_mutation(
        "createQuote",
        "Q1-Q7: creates a DRAFT quote with groups and lines, priced and dated; primary by default (Q2). Needs "
        "EDIT_QUOTES. Errors: FORBIDDEN, NOT_FOUND, ORDER_BY_CONFLICT, INVALID_QUANTITY, SEGMENT_OVERLAP, "
        "VALIDATION_ERROR.",
        quote="The new quote; null when `errors` is not empty.",
    ),
    **_mutation(
        "updateQuote",
        "Q1: edits header and lines (add, update, remove) and reprices; an edit after DRAFT returns it to DRAFT. "
        "Needs EDIT_QUOTES. Errors: FORBIDDEN, NOT_FOUND, QUOTE_LOCKED, ORDER_BY_CONFLICT, INVALID_QUANTITY, "
        "SEGMENT_OVERLAP, VALIDATION_ERROR.",
        quote="The quote after the edit; null when `errors` is not empty.",
    ),
    **_mutation(
        "submitQuote",
        "Q1/Q6: DRAFT -> IN_REVIEW for a quote with at least one line. Needs EDIT_QUOTES. Errors: FORBIDDEN, "
        "NOT_FOUND, INVALID_TRANSITION, VALIDATION_ERROR.",
        quote="The quote, now IN_REVIEW; null when `errors` is not empty.",
    ),
    **_mutation(
        "approveQuote",
        "Q6: IN_REVIEW -> APPROVED. Needs APPROVE_QUOTES. Errors: FORBIDDEN, NOT_FOUND, INVALID_TRANSITION.",
        quote="The quote, now APPROVED; null when `errors` is not empty.",
    ),
    **_mutation(
        "denyQuote",
        "Q6: IN_REVIEW -> DENIED. Needs APPROVE_QUOTES. Errors: FORBIDDEN, NOT_FOUND, INVALID_TRANSITION.",
        quote="The quote, now DENIED; null when `errors` is not empty.",
    ),
    **_mutation(
        "presentQuote",
        "Q1: APPROVED -> PRESENTED (shown to the customer). Needs EDIT_QUOTES. Errors: FORBIDDEN, NOT_FOUND, "
        "INVALID_TRANSITION.",
        quote="The quote, now PRESENTED; null when `errors` is not empty.",
    ),
    **_mutation(
        "acceptQuote",
        "Q1: PRESENTED -> ACCEPTED (the customer agreed). Needs EDIT_QUOTES. Errors: FORBIDDEN, NOT_FOUND, "
        "INVALID_TRANSITION.",
        quote="The quote, now ACCEPTED; null when `errors` is not empty.",
    ),
    **_mutation(
        "rejectQuote",
        "Q1: PRESENTED -> REJECTED (the customer declined). Needs EDIT_QUOTES. Errors: FORBIDDEN, NOT_FOUND, "
        "INVALID_TRANSITION.",
        quote="The quote, now REJECTED; null when `errors` is not empty.",
    ),
    **_mutation(
        "createOrdersFromQuote",
        "O1-O10: DRAFT orders from a primary quote, split per O5, all or nothing. Needs CREATE_ORDERS. Errors: "
        "NO_PRIMARY_QUOTE, QUOTE_NOT_PRIMARY, QUOTE_NOT_APPROVED, QUOTE_ALREADY_ORDERED, MULTIPLE_ORDERS_DISABLED, "
        "QUANTITY_EXCEEDS_REMAINING, INVALID_QUANTITY, SEGMENT_OVERLAP, NOT_FOUND, FORBIDDEN, VALIDATION_ERROR.",
        orders="The orders created, one per split value (O5); empty when `errors` is not empty.",
    ),
    **_mutation(
        "createOrder",
        "O12: a DRAFT direct order for an account, without a quote, priced from the catalog (Q3). Needs "
        "CREATE_ORDERS. Errors: FORBIDDEN, NOT_FOUND, INVALID_QUANTITY, ORDER_START_AFTER_ITEM_START, "
        "VALIDATION_ERROR.",
        order="The new order; null when `errors` is not empty.",
    ),
    **_mutation(
        "updateOrder",
        "D1-D5: edits a DRAFT order's header and items at its current version; a new start date shifts every item "
        "(D2). Needs EDIT_ORDERS. Errors: ORDER_LOCKED, VERSION_CONFLICT, ORDER_START_AFTER_ITEM_START, "
        "ORDER_END_BEFORE_ITEM_END, SEGMENT_OVERLAP, INVALID_QUANTITY, NOT_FOUND, FORBIDDEN, VALIDATION_ERROR.",
        order="The order after the edit (version + 1 when anything changed); null when `errors` is not empty.",
    ),
    **_mutation(
        "activateOrder",
        (
            "A1: DRAFT -> ACTIVATED, locking the order (ACTIVATE_ORDERS). Errors: EMPTY_ORDER, "
            "INVALID_TRANSITION, VERSION_CONFLICT, NOT_FOUND, FORBIDDEN."
        ),
        order="The order, now ACTIVATED; null when `errors` is not empty.",
    ),
    **_mutation(
        "deactivateOrder",
        (
            "A2: ACTIVATED -> DRAFT when not contracted and nothing shipped (ACTIVATE_ORDERS). Errors: "
            "INVALID_TRANSITION, VERSION_CONFLICT, NOT_FOUND, FORBIDDEN."
        ),
        order="The order, back to DRAFT; null when `errors` is not empty.",
    ),
    **_mutation(
        "contractOrder",
        (
            "C1/C2: one contract per activated order; RECURRING items become subscriptions "
            "(ACTIVATE_ORDERS). Errors: ORDER_NOT_ACTIVATED, ALREADY_CONTRACTED, NOT_FOUND, FORBIDDEN."
        ),
        order="The order, now contracted; null when `errors` is not empty.",
        contract="The contract made (or re-synced after uncontractOrder); null when `errors` is not empty.",
    ),
    **_mutation(
        "uncontractOrder",
        (
            "C4: clears the order's contracted flag; items keep theirs (ACTIVATE_ORDERS). Errors: "
            "INVALID_TRANSITION, NOT_FOUND, FORBIDDEN."
        ),
        order="The order, no longer contracted; null when `errors` is not empty.",
    ),
    **_mutation(
        "changeOrder",
        (
            "I1: in-flight change of an ACTIVATED / IN_FULFILLMENT order as a new version (EDIT_ORDERS). "
            "Errors: INVALID_TRANSITION, VERSION_CONFLICT, BELOW_FULFILLED_QUANTITY, "
            "QUANTITY_EXCEEDS_REMAINING, INVALID_QUANTITY, ORDER_START_AFTER_ITEM_START, NOT_FOUND, "
            "FORBIDDEN."
        ),
        order="The order at its new version (the old one is in `versions`); null on errors.",
    ),
    **_mutation(
        "cancelOrder",
        (
            "I2: cancels what is not shipped, with a reason; I3 releases quote quantity (EDIT_ORDERS). "
            "Errors: INVALID_TRANSITION, VERSION_CONFLICT, VALIDATION_ERROR, NOT_FOUND, FORBIDDEN."
        ),
        order="The order, now CANCELLED; null when `errors` is not empty.",
    ),
    **_mutation(
        "shipOrderItems",
        (
            "A4: records shipped quantities; ACTIVATED -> IN_FULFILLMENT -> FULFILLED (FULFILL_ORDERS). "
            "Errors: INVALID_TRANSITION, INVALID_QUANTITY, VALIDATION_ERROR, NOT_FOUND, FORBIDDEN."
        ),
        order="The order with its shipped quantities; null when `errors` is not empty.",
    ),
    **_mutation(
        "completeOrder",
        (
            "A4: FULFILLED -> COMPLETED, billed in full (FULFILL_ORDERS). Errors: INVALID_TRANSITION, "
            "NOT_FOUND, FORBIDDEN."
        ),
        order="The order, now COMPLETED; null when `errors` is not empty.",
    ),
}

CONNECTIONS: dict[str, str] = {
    **_connection("Account", "accounts"),
    **_connection("Contract", "contracts"),
    **_connection("Opportunity", "opportunities"),
    **_connection("Order", "orders"),
    **_connection("OrderEvent", "order events"),
    **_connection("Product", "products"),
    **_connection("Quote", "quotes"),
    **_list_field(
        "accounts", "Accounts", "Only accounts whose name contains this text.", "Sort by CREATED_AT or NAME."
    ),
    **_list_field("contracts", "Contracts", "Only contracts of one account.", "Sort by CREATED_AT or NUMBER."),
    **_list_field(
        "opportunities",
        "Opportunities",
        "Only opportunities of one account and/or stages.",
        "Sort by CREATED_AT or NAME.",
    ),
    **_list_field(
        "orders",
        "Orders",
        "Only orders in these statuses, of this account, quote or opportunity (all must match).",
        "Sort by CREATED_AT, NUMBER or TOTAL_AMOUNT.",
    ),
    **_list_field(
        "products",
        "Products",
        "Only products of a family and/or type, or whose name contains a text.",
        "Sort by CREATED_AT or NAME.",
    ),
    **_list_field(
        "quotes",
        "Quotes",
        "Only quotes in these statuses, of this account or opportunity, primary or not.",
        "Sort by CREATED_AT, NUMBER or TOTAL.",
    ),
    **_sort("ContractSort", "contracts"),
    **_sort("NameSort", "accounts, products or opportunities"),
    **_sort("OrderSort", "orders"),
    **_sort("QuoteSort", "quotes"),
}

TYPES: dict[str, str] = {
    # Root types
    "Query": "Reads. Every field needs a valid API key (S1); scoped keys see only their accounts' objects (S3).",
    "Mutation": "Writes: each takes one `input` and returns a payload with `errors`; all or nothing (API.md).",
    "Subscription": "Live events over websockets (graphql-transport-ws or graphql-ws), authorised per event (S3).",
    "Query.me": "The API key making this request: its role, permissions and granted accounts (S1, S2).",
    "Query.settings": "The organisation settings (O2, O3, R1, R2); any key may read them.",
    "Query.account": "An account by id; null when unknown or outside the caller's scope (S3).",
    "Query.account(id:)": "The account's id.",
    "Query.product": "A product by id; null when unknown.",
    "Query.product(id:)": "The product's id.",
    "Query.opportunity": "An opportunity by id; null when unknown or outside the caller's scope (S3).",
    "Query.opportunity(id:)": "The opportunity's id.",
    "Query.quote": "A quote by id; null when unknown or outside the caller's scope (S3).",
    "Query.quote(id:)": "The quote's id.",
    "Query.order": "An order by id; null when unknown or outside the caller's scope (S3).",
    "Query.order(id:)": "The order's id.",
    "Query.contract": "A contract by id; null when unknown or outside the caller's scope (S3).",
    "Query.contract(id:)": "The contract's id.",
    "Query.orderEvents": "D4: the order event log in its one total order (oldest first), in the caller's scope.",
    "Query.orderEvents(orderId:)": "Only the events of this order; omit for every visible order's events.",
    "Query.orderEvents(after:)": "An event cursor: only events after it (resume without gaps or duplicates).",
    "Query.orderEvents(first:)": "Page size: default 50, capped at 100; a negative number is VALIDATION_ERROR.",
    "Query.previewOrdersFromQuote": "O11: the orders createOrdersFromQuote would create now, with its errors; "
    "writes nothing. Needs READ.",
    "Query.previewOrdersFromQuote(input:)": "The same input createOrdersFromQuote takes.",
    "Subscription.orderStatusChanged(orderId:)": "Only this order's changes (NOT_FOUND outside the caller's scope).",
    "Subscription.orderStatusChanged(accountId:)": "Only changes of this account's orders.",
    "Subscription.orderEvents(orderId:)": "Only this order's events (NOT_FOUND outside the caller's scope).",
    "Subscription.orderEvents(accountId:)": "Only events of this account's orders.",
    "Subscription.orderEvents(after:)": "An event cursor: replay the events after it first, then go live.",
    # Shared types
    "UserError": "A broken business rule, returned in a payload's `errors` (HTTP 200, nothing written).",
    "UserError.code": "Machine-readable reason; switch on this, not on the message.",
    "UserError.message": "Human-readable explanation, usually citing the rule id.",
    "UserError.field": "Path of the input field at fault (e.g. `lines[2].quantity`), when one is.",
    "PageInfo": "Relay page information of a connection; paging goes forward with `after`.",
    "PageInfo.hasNextPage": "True when more items follow this page.",
    "PageInfo.endCursor": "Cursor of the last edge; pass it as `after` for the next page.",
    "PageInfo.hasPreviousPage": "True when this page was read `after` a cursor, so items precede it.",
    "PageInfo.startCursor": "Cursor of the first edge; null on an empty page.",
    "Viewer": "S1/S2: the API key making the request.",
    "Viewer.apiKeyId": "The key's id; null only for the built-in system actor.",
    "Viewer.name": "The key's name.",
    "Viewer.role": "The key's role (S2).",
    "Viewer.permissions": "What the role may do (S2); a mutation needing another permission returns FORBIDDEN.",
    "Viewer.accountIds": "S3: accounts granted to this key; they limit what PARTNER and SALES_REP keys see.",
    "Settings": "Organisation settings (admin only to change, any key to read).",
    "Settings.allowMultipleOrders": "O3/O4: when on, a quote may be ordered in parts, by line and quantity; "
    "default off.",
    "Settings.requireApprovedQuote": "O2: when on, only APPROVED, PRESENTED or ACCEPTED quotes can be ordered; "
    "default off.",
    "ApiKey": "S1: an API key (its secret is never shown again after creation; only a hash is stored).",
    "ApiKey.id": "The key's id (revokeApiKey takes it).",
    "ApiKey.name": "A label for people; default '<role> key' (e.g. 'partner key').",
    "ApiKey.role": "S2: the role, which fixes the permissions.",
    "ApiKey.prefix": "The first 10 characters of the secret, to recognise a key without revealing it.",
    "ApiKey.createdAt": "When the key was created (UTC timestamp).",
    "ApiKey.revokedAt": "When the key was revoked (UTC timestamp); null while it works.",
    "ApiKey.accountIds": "S3: accounts granted to the key (PARTNER, SALES_REP).",
    # Accounts, products, opportunities
    "Account": "A customer: its defaults for quotes and orders, and what it bought.",
    "Account.id": "Opaque id (UUID).",
    "Account.name": "The customer's name.",
    "Account.currency": "ISO currency code of its quotes and orders unless they name another; default USD.",
    "Account.creditLimit": f"Credit limit, {MONEY}; B5 credit checks are not in effect yet.",
    "Account.paymentTerms": "Payment terms copied to its quotes and direct orders unless they give their own.",
    "Account.billingFrequency": "Default billing frequency of its direct orders.",
    "Account.createdAt": "When the account was created (UTC timestamp).",
    "Account.opportunities": "The account's opportunities.",
    "Account.quotes": "The account's quotes.",
    "Account.orders": "The account's orders.",
    "Account.contracts": "The account's contracts (C1).",
    "Account.assets": "C3: what the account owns from ONE_TIME order items.",
    "Product": "A catalog product: ONE_TIME, RECURRING or USAGE, optionally a bundle of components.",
    "Product.id": "Opaque id (UUID).",
    "Product.sku": "Stock keeping unit, unique across the catalog.",
    "Product.name": "The product's name.",
    "Product.family": "Product family, a grouping that orders can be split on (O5 PRODUCT_FAMILY).",
    "Product.type": "ONE_TIME, RECURRING or USAGE: decides pricing (Q3), dates (Q7), subscription or asset (C2, C3).",
    "Product.defaultSubscriptionTerm": "Q3: months its list price covers; 12 for RECURRING products when not given.",
    "Product.billingFrequency": "O6: the billing frequency of its order items when the quote line gives none.",
    "Product.active": "Whether the product is offered; true for every product today (no mutation retires one).",
    "Product.components": "Bundle components: quoting or ordering the product adds one line or item per component.",
    "ProductComponent": "One component of a bundle product, per bundle unit.",
    "ProductComponent.quantity": f"Units of the component per unit of the bundle, {MONEY}.",
    "ProductComponent.product": "The component product.",
    "Opportunity": "A potential sale for an account; its primary quote is what gets ordered (O1).",
    "Opportunity.id": "Opaque id (UUID).",
    "Opportunity.name": "The opportunity's name.",
    "Opportunity.stage": "The sales stage.",
    "Opportunity.closeDate": "Expected close, a calendar date.",
    "Opportunity.createdAt": "When the opportunity was created (UTC timestamp).",
    "Opportunity.account": "The customer account.",
    "Opportunity.quotes": "Every quote of the opportunity.",
    "Opportunity.primaryQuote": "Q2: the one primary quote, which createOrdersFromQuote orders (O1); null if none.",
    "Opportunity.orders": "Orders made for this opportunity.",
    # Quotes
    "Quote": "Q1-Q7: a priced offer to an account, with lines and groups, that orders are made from (O).",
    "Quote.id": "Opaque id (UUID).",
    "Quote.number": "Human number, Q-000001 style.",
    "Quote.status": "Q1: where the quote is on its approval path.",
    "Quote.isPrimary": "Q2: the opportunity's primary quote (one per opportunity), the one that gets ordered (O1).",
    "Quote.startDate": "Q7: default start of its lines, a calendar date.",
    "Quote.subscriptionTerm": "Q3: default term of its lines, in months.",
    "Quote.billingFrequency": "O6: billing frequency of order items whose line and product give none.",
    "Quote.orderBy": "Q5/O5: the line field that splits orders (one order per value); excludes orderByQuoteLineGroup.",
    "Quote.orderByQuoteLineGroup": "Q5/O5: one order per line group; excludes orderBy.",
    "Quote.renewalUpliftPercent": f"O7: renewal price uplift in percent, {MONEY}; copied to its orders.",
    "Quote.renewalTerm": "O7: renewal term in months; copied to its orders.",
    "Quote.currency": "ISO currency code of every price on the quote; default the account's.",
    "Quote.paymentTerms": "O7: payment terms, default the account's; copied to its orders.",
    "Quote.total": f"Q3: sum of the non-optional line totals, {MONEY}.",
    "Quote.createdAt": "When the quote was created (UTC timestamp).",
    "Quote.updatedAt": "When the quote last changed (UTC timestamp).",
    "Quote.account": "The customer account (the opportunity's).",
    "Quote.opportunity": "The opportunity the quote belongs to.",
    "Quote.lines": "The quote lines, in position order.",
    "Quote.groups": "Q4: the line groups.",
    "Quote.orders": "Orders made from this quote.",
    "QuoteLineGroup": "Q4: a group of quote lines whose values fill what its lines leave blank.",
    "QuoteLineGroup.id": "Opaque id (UUID).",
    "QuoteLineGroup.key": "The key lines named it by (`groupKey`) in the input.",
    "QuoteLineGroup.name": "Display name of the group.",
    "QuoteLineGroup.startDate": "Q4/Q7: start date of its lines that give none, a calendar date.",
    "QuoteLineGroup.subscriptionTerm": "Q3/Q4: term in months of its lines that give none.",
    "QuoteLineGroup.billingFrequency": "Q4: billing frequency of its lines that give none.",
    "QuoteLine": "Q3: one product on a quote, with its quantity, prices and dates.",
    "QuoteLine.id": "Opaque id (UUID).",
    "QuoteLine.key": "The key other lines name it by (`requiredByKey`) in an input; optional.",
    "QuoteLine.quantity": f"Quoted quantity, {MONEY}.",
    "QuoteLine.orderedQuantity": f"O4: quantity ordered so far, less what cancelling or reducing released "
    f"(I3), {MONEY}.",
    "QuoteLine.remainingQuantity": "O4: quoted quantity not yet ordered by live orders; cancelled or reduced "
    "quantity returns here (I3).",
    "QuoteLine.listPrice": f"Q3: list price per the product's default term (or per unit), {MONEY}.",
    "QuoteLine.discountPercent": f"Q3: discount in percent (0-100), {MONEY}.",
    "QuoteLine.unitPrice": f"Q3: list x (1 - discount) x effective/default term (RECURRING), unless given; {MONEY}.",
    "QuoteLine.totalPrice": f"Q3: quantity x unit price, rounded half-up to cents, {MONEY}.",
    "QuoteLine.startDate": "Q7: the line's start, else its group's, else the quote's; a calendar date (ONE_TIME: "
    "may be null).",
    "QuoteLine.endDate": "Q7: the line's end, else start + effective term - 1 day; a calendar date.",
    "QuoteLine.subscriptionTerm": "Q3: the term in months given on the line itself.",
    "QuoteLine.effectiveTerm": "Q3: the term in months the price uses (own dates, own term, group, quote, product); "
    "null for ONE_TIME.",
    "QuoteLine.billingFrequency": "Q4/O6: the line's billing frequency, else its group's.",
    "QuoteLine.optional": "Q3: an optional line is left out of the quote total, but ordered with the rest (O3).",
    "QuoteLine.segmentKey": "O9: MDQ segment key; lines sharing it are consecutive segments.",
    "QuoteLine.segmentIndex": "O9: the segment's position within its key.",
    "QuoteLine.product": "The product quoted.",
    "QuoteLine.quote": "The quote the line is on.",
    "QuoteLine.group": "Q4: the line's group, if any.",
    "QuoteLine.requiredBy": "O5: the parent line (a bundle); the line always goes into its parent's order.",
    "QuoteLine.orderItems": "O6: order items made from this line.",
    # Orders
    "Order": "An order (O, D, A, I): items with prices and dates, moving DRAFT -> ACTIVATED -> ... (A4).",
    "Order.id": "Opaque id (UUID).",
    "Order.number": "Human number, O-000001 style.",
    "Order.status": "A4: where the order is in its lifecycle.",
    "Order.type": "O7: NEW from quotes and direct orders.",
    "Order.version": "D5: bumped by every change; pass it back in writes to avoid overwriting another's change.",
    "Order.activated": "A1: true once the order was activated, until it is deactivated (A2).",
    "Order.activatedAt": "A1: when it was activated (UTC timestamp); null after deactivation (A2).",
    "Order.activatedBy": "A1: the API key that activated it; null after deactivation (A2).",
    "Order.contracted": "C1: true while the order has a contract; uncontractOrder clears it (C4).",
    "Order.startDate": "O8: the order's start, a calendar date.",
    "Order.endDate": "O8: the latest item end (or a later end set by hand, D3), a calendar date.",
    "Order.totalAmount": f"Sum of its item totals, {MONEY}.",
    "Order.currency": "O7: ISO currency code of every price on the order.",
    "Order.paymentTerms": "O7: payment terms, from the quote or the account.",
    "Order.billingFrequency": "O7: billing frequency, from the quote (or the account for direct orders).",
    "Order.renewalUpliftPercent": f"O7/C1: renewal uplift in percent, {MONEY}; copied to its contract.",
    "Order.renewalTerm": "O7/C1: renewal term in months; copied to its contract.",
    "Order.poNumber": "The customer's purchase order number, free text.",
    "Order.splitKey": "O5: the split value this order holds (e.g. PRODUCT_FAMILY=Hardware); null when not split.",
    "Order.cancelReason": "I2: why the order was cancelled.",
    "Order.createdAt": "When the order was created (UTC timestamp).",
    "Order.updatedAt": "When the order last changed (UTC timestamp).",
    "Order.account": "The customer account.",
    "Order.quote": "O7: the quote it was ordered from; null for a direct order.",
    "Order.opportunity": "O7: the opportunity it belongs to, if any.",
    "Order.items": "The order items, in position order.",
    "Order.events": "D4: every change of this order, oldest first.",
    "Order.contract": "C1: the order's contract, if contracted (kept after uncontractOrder, C4).",
    "OrderItem": "O6: one product on an order (an order product), with its quantity, prices and dates.",
    "OrderItem.id": "Opaque id (UUID).",
    "OrderItem.quantity": f"Ordered quantity still live (cancelled quantity taken off, I2), {MONEY}.",
    "OrderItem.listPrice": f"O6: list price, {MONEY}.",
    "OrderItem.unitPrice": f"O6: unit price, {MONEY}.",
    "OrderItem.totalPrice": f"Quantity x unit price, rounded half-up to cents, {MONEY}.",
    "OrderItem.unproratedNetPrice": f"O10: unit price / effective term x product default term, {MONEY}.",
    "OrderItem.subscriptionTerm": "Q3: the effective term in months the item is priced for; null for ONE_TIME.",
    "OrderItem.startDate": "O8: the item's start, a calendar date; null for undated ONE_TIME items.",
    "OrderItem.endDate": "O8: the item's end, a calendar date; null for undated ONE_TIME items.",
    "OrderItem.billingFrequency": "O6: the line's, else the product's, else the quote's billing frequency.",
    "OrderItem.activated": "A1: set when its order is activated, cleared when deactivated (A2).",
    "OrderItem.contracted": "C2: set when the item became a subscription; stays after uncontractOrder (C4).",
    "OrderItem.shippedQuantity": f"A4: quantity shipped so far, {MONEY}.",
    "OrderItem.cancelledQuantity": f"I1/I2: quantity cancelled so far, {MONEY}.",
    "OrderItem.segmentKey": "O9: MDQ segment key, from its quote line.",
    "OrderItem.segmentIndex": "O9: segment position within its key.",
    "OrderItem.discountSchedule": "O6: the quote line's discount schedule as snapshotted at ordering (JSON).",
    "OrderItem.order": "The order the item is on.",
    "OrderItem.product": "The product ordered.",
    "OrderItem.quoteLine": "O6: the quote line it was ordered from; null for direct and added items.",
    "OrderItem.requiredBy": "O6: the parent item (a bundle) this item belongs to.",
    "OrderEvent": "D4: one recorded change of an order: who, when, and what changed.",
    "OrderEvent.id": "The event's id (its position in the log).",
    "OrderEvent.cursor": "The event's position: pass it as `after` to resume after this event.",
    "OrderEvent.type": "What kind of change this was.",
    "OrderEvent.at": "When it happened (UTC timestamp).",
    "OrderEvent.actor": "The API key (name and id) that made the change.",
    "OrderEvent.previousStatus": "The order's status before the change.",
    "OrderEvent.status": "The order's status after the change.",
    "OrderEvent.version": "D5: the order's version after the change.",
    "OrderEvent.changes": "D4: what changed, as JSON (before/after values, reason, items).",
    "OrderEvent.order": "The order the event is about.",
    "OrderStatusEvent": "A3: an order status change, published after its transaction commits.",
    "OrderStatusEvent.id": "The underlying event's id.",
    "OrderStatusEvent.cursor": "The event's position in the order event log.",
    "OrderStatusEvent.previousStatus": "The status before the change.",
    "OrderStatusEvent.status": "The status after the change.",
    "OrderStatusEvent.at": "When it happened (UTC timestamp).",
    "OrderStatusEvent.actor": "The API key (name and id) that made the change.",
    "OrderStatusEvent.order": "The order, as it is now.",
    "OrderStatusTransition": "A4: one allowed move of the order status machine.",
    "OrderStatusTransition.fromStatus": "The status the move starts from.",
    "OrderStatusTransition.toStatus": "The status the move ends in.",
    "OrderVersion": "I1: the order as it was before an in-flight change (read-only).",
    "OrderVersion.id": "Opaque id (UUID).",
    "OrderVersion.version": "D5: the order version this snapshot is of.",
    "OrderVersion.status": "The order's status at that version.",
    "OrderVersion.reason": "The reason given for the change that replaced this version.",
    "OrderVersion.createdAt": "When the change was made (UTC timestamp).",
    "OrderVersion.snapshot": "The order header and items at that version, as JSON.",
    "OrdersPreview": "O11: what createOrdersFromQuote would create; nothing is written.",
    "OrdersPreview.orders": "The orders it would create, one per split value (O5).",
    "OrdersPreview.totalAmount": f"Sum of those orders' totals, {MONEY}.",
    "OrdersPreview.errors": "The errors createOrdersFromQuote would return; when not empty, `orders` is empty.",
    "OrderPreview": "O11: one order createOrdersFromQuote would create.",
    "OrderPreview.splitKey": "O5: the split value of this order; null when not split.",
    "OrderPreview.startDate": "O8: the order's start, a calendar date.",
    "OrderPreview.endDate": "O8: the latest item end, a calendar date.",
    "OrderPreview.totalAmount": f"Sum of its item totals, {MONEY}.",
    "OrderPreview.currency": "ISO currency code (the quote's).",
    "OrderPreview.items": "The items it would hold.",
    "OrderItemPreview": "O6: one item a previewed order would hold.",
    "OrderItemPreview.quantity": f"O4: quantity it would order, {MONEY}.",
    "OrderItemPreview.listPrice": f"O6: list price, {MONEY}.",
    "OrderItemPreview.unitPrice": f"O6: unit price, {MONEY}.",
    "OrderItemPreview.totalPrice": f"Quantity x unit price, rounded half-up to cents, {MONEY}.",
    "OrderItemPreview.unproratedNetPrice": f"O10: unit price / effective term x product default term, {MONEY}.",
    "OrderItemPreview.startDate": "O8/O9: the item's start, a calendar date.",
    "OrderItemPreview.endDate": "O8: the item's end, a calendar date.",
    "OrderItemPreview.billingFrequency": "O6: the line's, else the product's, else the quote's billing frequency.",
    "OrderItemPreview.product": "The product.",
    "OrderItemPreview.quoteLine": "The quote line it would be ordered from.",
    "OrderItemPreview.requiredByQuoteLineId": "O6: the parent quote line, whose item would be this item's parent.",
    # Contracts
    "Contract": "C1: the contract an activated order becomes, spanning the order's dates.",
    "Contract.id": "Opaque id (UUID).",
    "Contract.number": "Human number, C-000001 style.",
    "Contract.status": "C6: lifecycle status; contractOrder makes ACTIVATED contracts, the workflow starts at DRAFT.",
    "Contract.startDate": "C1/C5: the order's start, a calendar date; follows the order.",
    "Contract.endDate": "C1/C5: the order's end, a calendar date; follows the order.",
    "Contract.term": "C1: whole months from start to end (a partial month rounds up, Q3).",
    "Contract.renewalUpliftPercent": f"C1: renewal uplift in percent from the order, {MONEY}.",
    "Contract.renewalTerm": "C1: renewal term in months: the order's, else the contract's own term.",
    "Contract.createdAt": "When the contract was created (UTC timestamp).",
    "Contract.account": "The customer account.",
    "Contract.order": "The order it was made from.",
    "Contract.subscriptions": "C2: the subscriptions of its RECURRING items.",
    "ContractSubscription.product": "The product subscribed to.",
    "ContractSubscription.orderItem": "C2: the order item it came from (linked both ways).",
    "ContractSubscription.id": "Opaque id (UUID).",
    "ContractSubscription.quantity": f"C2/C5: the item's quantity (its last one when CANCELLED), {MONEY}.",
    "ContractSubscription.startDate": "C2: the item's start, else the order's; a calendar date.",
    "ContractSubscription.endDate": "C2: the item's end, else the order's; a calendar date.",
    "ContractSubscription.netPrice": f"C2: the item's unit price, {MONEY}.",
    "ContractSubscription.contract": "The contract it belongs to.",
    "Asset": "C3: what an account owns from a ONE_TIME order item.",
    "Asset.product": "The product owned.",
    "Asset.orderItem": "C3: the order item it came from.",
    "Asset.id": "Opaque id (UUID).",
    "Asset.quantity": f"C3: the item's quantity, following in-flight changes, {MONEY}.",
    "Asset.status": "C3: PURCHASED at activation, INSTALLED when fulfilled, CANCELLED when nothing shipped (I2).",
    "Asset.createdAt": "When the asset was created (UTC timestamp).",
}

INPUTS: dict[str, str] = {
    "CreateAccountInput.name": "The customer's name (not blank).",
    "CreateAccountInput.currency": "ISO currency code (3 letters); default USD.",
    "CreateAccountInput.creditLimit": f"Credit limit, {MONEY}, not negative.",
    "CreateAccountInput.paymentTerms": "Payment terms, e.g. 'Net 30'; copied to quotes and direct orders.",
    "CreateAccountInput.billingFrequency": "Default billing frequency of direct orders.",
    "CreateApiKeyInput.role": "S2: the key's role.",
    "CreateApiKeyInput.accountIds": "S3: accounts a PARTNER or SALES_REP key may see; an unknown id is "
    "VALIDATION_ERROR.",
    "CreateApiKeyInput.name": "A label for people; default '<role> key'.",
    "RevokeApiKeyInput.apiKeyId": "The key to revoke (NOT_FOUND when unknown); revoking twice is harmless.",
    "CreateProductInput.sku": "Stock keeping unit, unique (a duplicate is VALIDATION_ERROR).",
    "CreateProductInput.name": "The product's name (not blank).",
    "CreateProductInput.type": "ONE_TIME, RECURRING or USAGE.",
    "CreateProductInput.family": "Product family (O5 can split orders on it).",
    "CreateProductInput.listPrice": f"List price in `currency`, {MONEY}, not negative.",
    "CreateProductInput.currency": "Currency of `listPrice`; default USD.",
    "CreateProductInput.prices": "More list prices, one per currency.",
    "CreateProductInput.defaultSubscriptionTerm": "Q3: months the list price covers (1-1200); RECURRING default 12.",
    "CreateProductInput.billingFrequency": "O6: billing frequency of its items when the line gives none.",
    "CreateProductInput.componentIds": "Bundle components (existing products, each once).",
    "PriceInput": "A list price in one currency.",
    "PriceInput.currency": "ISO currency code (3 letters).",
    "PriceInput.listPrice": f"List price, {MONEY}, not negative.",
    "CreateOpportunityInput.accountId": "The account (NOT_FOUND outside the caller's scope, S3).",
    "CreateOpportunityInput.name": "The opportunity's name (not blank).",
    "CreateOpportunityInput.stage": "Starting stage; default PROSPECTING.",
    "CreateOpportunityInput.closeDate": "Expected close, a calendar date.",
    "UpdateOpportunityStageInput.opportunityId": "The opportunity to move.",
    "UpdateOpportunityStageInput.stage": "Its new stage.",
    "UpdateSettingsInput.allowMultipleOrders": "O3/O4: allow ordering a quote in parts; omit to keep.",
    "UpdateSettingsInput.requireApprovedQuote": "O2: order only approved quotes; omit to keep.",
    "CreateQuoteInput.opportunityId": "The opportunity (NOT_FOUND outside the caller's scope, S3).",
    "CreateQuoteInput.lines": "Q3: the lines; bundles without component lines get one per component.",
    "CreateQuoteInput.primary": "Q2: make it the opportunity's primary quote (un-marks the other); default true.",
    "CreateQuoteInput.startDate": "Q7: default start of the lines, a calendar date.",
    "CreateQuoteInput.subscriptionTerm": "Q3: default term of the lines in months (1-1200).",
    "CreateQuoteInput.billingFrequency": "O6: billing frequency of items whose line and product give none.",
    "CreateQuoteInput.orderBy": "Q5/O5: split orders on this line field; with orderByQuoteLineGroup: "
    "ORDER_BY_CONFLICT.",
    "CreateQuoteInput.orderByQuoteLineGroup": "Q5/O5: one order per group; with orderBy: ORDER_BY_CONFLICT.",
    "CreateQuoteInput.renewalUpliftPercent": f"Renewal uplift in percent, {MONEY}.",
    "CreateQuoteInput.renewalTerm": "Renewal term in months (1-1200).",
    "CreateQuoteInput.currency": "ISO currency code of the prices; default the account's.",
    "CreateQuoteInput.paymentTerms": "Payment terms; default the account's.",
    "CreateQuoteInput.groups": "Q4: line groups, named by `key` from the lines' `groupKey`.",
    "UpdateQuoteInput.quoteId": "The quote (NOT_FOUND outside the caller's scope, S3).",
    "UpdateQuoteInput.primary": "Q2: true makes it primary (un-marks the previous one); false un-marks it.",
    "UpdateQuoteInput.startDate": "Q7: new default start of the lines; lines that inherited it move.",
    "UpdateQuoteInput.subscriptionTerm": "Q3: new default term in months (1-1200).",
    "UpdateQuoteInput.billingFrequency": "O6: new default billing frequency.",
    "UpdateQuoteInput.orderBy": "Q5: new split field; with orderByQuoteLineGroup true: ORDER_BY_CONFLICT.",
    "UpdateQuoteInput.orderByQuoteLineGroup": "Q5: split by group; with orderBy set: ORDER_BY_CONFLICT.",
    "UpdateQuoteInput.renewalUpliftPercent": f"Renewal uplift in percent, {MONEY}.",
    "UpdateQuoteInput.renewalTerm": "Renewal term in months (1-1200).",
    "UpdateQuoteInput.paymentTerms": "Payment terms.",
    "UpdateQuoteInput.addLines": "Lines to add; `requiredByKey` may name existing lines by key.",
    "UpdateQuoteInput.updateLines": "Changes to existing lines (only the fields given).",
    "UpdateQuoteInput.removeLineIds": "Lines to remove; a removed parent takes its component lines with it.",
    "QuoteLineGroupInput": "Q4: a line group of a new quote.",
    "QuoteLineGroupInput.key": "Name the lines use in `groupKey` (within this input).",
    "QuoteLineGroupInput.name": "Display name.",
    "QuoteLineGroupInput.startDate": "Q7: start of its lines that give none, a calendar date.",
    "QuoteLineGroupInput.subscriptionTerm": "Q3/Q4: term in months of its lines that give none.",
    "QuoteLineGroupInput.billingFrequency": "Q4: billing frequency of its lines that give none.",
    "QuoteLineInput": "Q3: a new quote line.",
    "QuoteLineInput.productId": "The product (NOT_FOUND when unknown).",
    "QuoteLineInput.quantity": f"Quantity, {MONEY}, positive (else INVALID_QUANTITY).",
    "QuoteLineInput.key": "Name other lines use in `requiredByKey`; unique within the quote.",
    "QuoteLineInput.listPrice": f"Q3: list price, {MONEY}; default the product's price in the quote currency.",
    "QuoteLineInput.unitPrice": f"Q3: unit price, {MONEY}; default list price less discount, term-prorated.",
    "QuoteLineInput.discountPercent": f"Q3: discount in percent (0-100), {MONEY}.",
    "QuoteLineInput.startDate": "Q7: the line's start, a calendar date; default its group's, then the quote's.",
    "QuoteLineInput.endDate": "Q3/Q7: the line's end, a calendar date (needs a start); sets the effective term.",
    "QuoteLineInput.subscriptionTerm": "Q3: the line's term in months (1-1200).",
    "QuoteLineInput.billingFrequency": "Q4/O6: the line's billing frequency; default its group's.",
    "QuoteLineInput.optional": "Q3: leave the line out of the quote total; default false.",
    "QuoteLineInput.groupKey": "Q4: the `key` of a group in this input.",
    "QuoteLineInput.requiredByKey": "O5: the `key` of the parent line (no cycles).",
    "QuoteLineInput.segmentKey": "O9: MDQ segment key shared by the segments.",
    "QuoteLineInput.segmentIndex": "O9: this segment's position (distinct within its key).",
    "QuoteLineInput.discountSchedule": "O6: discount schedule as JSON, snapshotted onto order items.",
    "QuoteLineUpdate": "Q3: changes to one existing quote line; omitted fields stay.",
    "QuoteLineUpdate.quoteLineId": "The line (NOT_FOUND when not on this quote).",
    "QuoteLineUpdate.quantity": f"New quantity, {MONEY}, positive (else INVALID_QUANTITY).",
    "QuoteLineUpdate.listPrice": f"New list price, {MONEY}.",
    "QuoteLineUpdate.unitPrice": f"New unit price, {MONEY}; kept as given instead of computed (Q3).",
    "QuoteLineUpdate.discountPercent": f"New discount in percent (0-100), {MONEY}.",
    "QuoteLineUpdate.startDate": "Q7: new start, a calendar date.",
    "QuoteLineUpdate.endDate": "Q3/Q7: new end, a calendar date.",
    "QuoteLineUpdate.subscriptionTerm": "Q3: new term in months (1-1200).",
    "QuoteLineUpdate.billingFrequency": "New billing frequency.",
    "QuoteLineUpdate.optional": "Q3: whether the line is optional.",
    "SubmitQuoteInput.quoteId": "The quote to submit.",
    "ApproveQuoteInput.quoteId": "The quote to approve.",
    "DenyQuoteInput.quoteId": "The quote to deny.",
    "PresentQuoteInput.quoteId": "The quote to present.",
    "AcceptQuoteInput.quoteId": "The quote to accept.",
    "RejectQuoteInput.quoteId": "The quote to reject.",
    "CreateOrdersFromQuoteInput.quoteId": "O1: the quote, which must be primary (QUOTE_NOT_PRIMARY); exactly one of "
    "quoteId and opportunityId.",
    "CreateOrdersFromQuoteInput.opportunityId": "O1: the opportunity whose primary quote is ordered "
    "(NO_PRIMARY_QUOTE).",
    "CreateOrdersFromQuoteInput.orderStartDate": "O8: the orders' start, a calendar date; default the earliest "
    "line start, else the quote's, else today.",
    "CreateOrdersFromQuoteInput.lines": "O4: lines and quantities to order (allowMultipleOrders only, else "
    "MULTIPLE_ORDERS_DISABLED); omit for every remaining quantity.",
    "OrderLineSelection": "O4: one quote line and the quantity of it to order.",
    "OrderLineSelection.quoteLineId": "A line of this quote (NOT_FOUND otherwise), each at most once.",
    "OrderLineSelection.quantity": f"Quantity to order, {MONEY}: positive and at most the line's remaining quantity.",
    "CreateOrderInput.accountId": "O12: the account (NOT_FOUND outside the caller's scope, S3).",
    "CreateOrderInput.items": "The items (at least one); a bundle adds one item per component.",
    "CreateOrderInput.opportunityId": "An opportunity of the same account, optional.",
    "CreateOrderInput.startDate": "O8: the order's start, a calendar date; default the earliest item start, else "
    "today.",
    "CreateOrderInput.currency": "ISO currency code; default the account's. Prices come from this currency's list.",
    "CreateOrderInput.billingFrequency": "Billing frequency; default the account's.",
    "CreateOrderInput.paymentTerms": "Payment terms; default the account's.",
    "CreateOrderInput.poNumber": "The customer's purchase order number.",
    "NewOrderItem": "Q3/Q7: an order item given by product (direct orders, items added in flight).",
    "NewOrderItem.productId": "The product (NOT_FOUND when unknown).",
    "NewOrderItem.quantity": f"Quantity, {MONEY}, positive (else INVALID_QUANTITY).",
    "NewOrderItem.listPrice": f"List price, {MONEY}; default the product's in the order currency.",
    "NewOrderItem.unitPrice": f"Unit price, {MONEY}; default list price less discount, term-prorated (Q3).",
    "NewOrderItem.discountPercent": f"Discount in percent (0-100), {MONEY}.",
    "NewOrderItem.startDate": "The item's start, a calendar date; not before the order start (D3).",
    "NewOrderItem.endDate": "The item's end, a calendar date.",
    "NewOrderItem.subscriptionTerm": "Term in months (1-1200).",
    "NewOrderItem.billingFrequency": "The item's billing frequency.",
    "UpdateOrderInput.orderId": "The DRAFT order to edit (D1).",
    "UpdateOrderInput.version": "D5: required: the version you read; another one is VERSION_CONFLICT.",
    "UpdateOrderInput.startDate": "D2: new start, a calendar date; every dated item shifts by the same days.",
    "UpdateOrderInput.endDate": "D3: new end, a calendar date, not before the latest item end.",
    "UpdateOrderInput.poNumber": "The customer's purchase order number.",
    "UpdateOrderInput.paymentTerms": "Payment terms.",
    "UpdateOrderInput.billingFrequency": "Billing frequency.",
    "UpdateOrderInput.items": "D2: edits of its items' quantity, unit price or dates.",
    "OrderItemUpdate": "D2: changes to one item of a DRAFT order; omitted fields stay.",
    "OrderItemUpdate.orderItemId": "An item of this order (NOT_FOUND otherwise).",
    "OrderItemUpdate.quantity": f"New quantity, {MONEY}, positive (else INVALID_QUANTITY).",
    "OrderItemUpdate.unitPrice": f"New unit price, {MONEY}.",
    "OrderItemUpdate.startDate": "New start, a calendar date.",
    "OrderItemUpdate.endDate": "New end, a calendar date.",
    "ActivateOrderInput.orderId": "The DRAFT order to activate.",
    "ActivateOrderInput.version": "D5: optional; when given, a different current version is VERSION_CONFLICT.",
    "DeactivateOrderInput.orderId": "The ACTIVATED order to return to DRAFT.",
    "DeactivateOrderInput.version": "D5: optional; when given, a different current version is VERSION_CONFLICT.",
    "ContractOrderInput.orderId": "The ACTIVATED (or later) order to contract.",
    "UncontractOrderInput.orderId": "The contracted order.",
    "ChangeOrderInput.orderId": "The ACTIVATED or IN_FULFILLMENT order (else INVALID_TRANSITION).",
    "ChangeOrderInput.version": "D5: required: the version you read; another one is VERSION_CONFLICT.",
    "ChangeOrderInput.reason": "Why; kept on the replaced version and the event.",
    "ChangeOrderInput.quantities": "I1: new item quantities; below shipped: BELOW_FULFILLED_QUANTITY, above the quote "
    "line's remaining: QUANTITY_EXCEEDS_REMAINING (O4).",
    "ChangeOrderInput.addItems": "I1: items to add, priced like direct order items.",
    "ChangeOrderInput.cancelItemIds": "I1: items whose unshipped quantity is cancelled and released to the quote (I3).",
    "ItemQuantity": "A quantity for one order item.",
    "ItemQuantity.orderItemId": "An item of this order (NOT_FOUND otherwise).",
    "ItemQuantity.quantity": f"The quantity, {MONEY}.",
    "CancelOrderInput.orderId": "The order to cancel (DRAFT, ACTIVATED or IN_FULFILLMENT).",
    "CancelOrderInput.reason": "I2: why (not blank); kept as cancelReason.",
    "CancelOrderInput.version": "D5: optional; when given, a different current version is VERSION_CONFLICT.",
    "ShipOrderItemsInput.orderId": "The ACTIVATED or IN_FULFILLMENT order.",
    "ShipOrderItemsInput.items": "Quantities shipped now, positive and within what remains to ship.",
    "CompleteOrderInput.orderId": "The FULFILLED order.",
    # Filters
    "AccountFilter": "Narrows Query.accounts.",
    "AccountFilter.nameContains": "Case-insensitive text the name contains.",
    "ContractFilter": "Narrows Query.contracts.",
    "ContractFilter.accountId": "Only this account's contracts.",
    "OpportunityFilter": "Narrows Query.opportunities; all given conditions must match.",
    "OpportunityFilter.accountId": "Only this account's opportunities.",
    "OpportunityFilter.stage": "Only opportunities in one of these stages.",
    "OrderFilter": "Narrows Query.orders; all given conditions must match.",
    "OrderFilter.status": "Only orders in one of these statuses.",
    "OrderFilter.accountId": "Only this account's orders.",
    "OrderFilter.quoteId": "Only orders from this quote.",
    "OrderFilter.opportunityId": "Only orders of this opportunity.",
    "ProductFilter": "Narrows Query.products; all given conditions must match.",
    "ProductFilter.family": "Only this product family (exact).",
    "ProductFilter.type": "Only this product type.",
    "ProductFilter.nameContains": "Case-insensitive text the name contains.",
    "QuoteFilter": "Narrows Query.quotes; all given conditions must match.",
    "QuoteFilter.status": "Only quotes in one of these statuses.",
    "QuoteFilter.accountId": "Only this account's quotes.",
    "QuoteFilter.opportunityId": "Only this opportunity's quotes.",
    "QuoteFilter.isPrimary": "Only primary (true) or non-primary (false) quotes.",
}

ENUMS: dict[str, str] = {
    "AssetStatus": "C3: lifecycle of an asset.",
    "AssetStatus.PURCHASED": "C3: its order was activated.",
    "AssetStatus.INSTALLED": "C3: its order was fulfilled.",
    "AssetStatus.CANCELLED": "I2: its item was cancelled before anything shipped.",
    "BillingFrequency": "How often an item is billed.",
    "BillingFrequency.ONE_TIME": "Billed once.",
    "BillingFrequency.MONTHLY": "Billed every month.",
    "BillingFrequency.QUARTERLY": "Billed every 3 months.",
    "BillingFrequency.SEMIANNUAL": "Billed every 6 months.",
    "BillingFrequency.ANNUAL": "Billed every 12 months.",
    "ContractSortField": "Keys contracts can be sorted on.",
    "ContractSortField.CREATED_AT": "Creation time.",
    "ContractSortField.NUMBER": "Contract number.",
    "ContractStatus": "C6: contract lifecycle (table in app/services/states.py; `nextStatuses` lists the moves).",
    "ContractStatus.DRAFT": "C6: being prepared (createContractFromQuote), or sent back by rejectContract.",
    "ContractStatus.IN_APPROVAL": "C6: submitted, waiting for APPROVE_CONTRACTS (API.md's IN_REVIEW).",
    "ContractStatus.APPROVED": "C6: approved, not yet sent for signature.",
    "ContractStatus.SENT_FOR_SIGNATURE": "C6: waiting for its signatories to sign.",
    "ContractStatus.SIGNED": "C6: every signatory signed; ACTIVATED on its start date by the daily run (R3, not yet).",
    "ContractStatus.ACTIVATED": "C6: in force: made by contractOrder (C1), or signed with its start date passed.",
    "ContractStatus.EXPIRED": "C6: ended at its end date (the daily run, R3: not in effect yet).",
    "ContractStatus.TERMINATED": "C11: ended early (not reached yet).",
    "ErrorCode": "Why a mutation refused (UserError.code); each code cites its rule in docs/rules.md.",
    "ErrorCode.NOT_FOUND": "S3: an id is unknown or outside the caller's scope (the same answer for both).",
    "ErrorCode.FORBIDDEN": "S2: the API key's role lacks the permission the mutation needs.",
    "ErrorCode.VALIDATION_ERROR": "The input is malformed or inconsistent (see `field` and `message`).",
    "ErrorCode.VERSION_CONFLICT": "D5: the order changed since the version you sent; reload and retry.",
    "ErrorCode.IDEMPOTENCY_KEY_REUSED": "The idempotency key was used before with a different request.",
    "ErrorCode.INVALID_TRANSITION": "A4/Q1: the status table does not allow this move from the current status.",
    "ErrorCode.QUOTE_LOCKED": "Q1: the quote has orders against it and cannot be edited.",
    "ErrorCode.ORDER_BY_CONFLICT": "Q5: orderBy and orderByQuoteLineGroup were both set.",
    "ErrorCode.NO_PRIMARY_QUOTE": "O1: the opportunity has no primary quote.",
    "ErrorCode.QUOTE_NOT_PRIMARY": "O1: the quote is not its opportunity's primary quote.",
    "ErrorCode.QUOTE_NOT_APPROVED": "O2: requireApprovedQuote is on and the quote is not approved.",
    "ErrorCode.QUOTE_ALREADY_ORDERED": "O3: the quote was ordered already (or in full).",
    "ErrorCode.MULTIPLE_ORDERS_DISABLED": "O3: a line selection was given while allowMultipleOrders is off.",
    "ErrorCode.QUANTITY_EXCEEDS_REMAINING": "O4: more than the quote line's remaining quantity.",
    "ErrorCode.INVALID_QUANTITY": "O4: a quantity is zero or negative where it must be positive.",
    "ErrorCode.SEGMENT_OVERLAP": "O9: a later MDQ segment would start on or before an earlier one ends.",
    "ErrorCode.ORDER_LOCKED": "D1: only DRAFT orders can be edited.",
    "ErrorCode.ORDER_START_AFTER_ITEM_START": "D3: the order would start after one of its items.",
    "ErrorCode.ORDER_END_BEFORE_ITEM_END": "D3: the order would end before one of its items.",
    "ErrorCode.EMPTY_ORDER": "A1: an order needs at least one item to be activated.",
    "ErrorCode.ORDER_NOT_ACTIVATED": "C1: only an ACTIVATED (or later) order can be contracted.",
    "ErrorCode.ALREADY_CONTRACTED": "C1: the order is contracted already.",
    "ErrorCode.BELOW_FULFILLED_QUANTITY": "I1: a quantity below what has already shipped.",
    "NameSortField": "Keys accounts, products and opportunities can be sorted on.",
    "NameSortField.CREATED_AT": "Creation time.",
    "NameSortField.NAME": "Name.",
    "OpportunityStage": "Sales stages of an opportunity.",
    "OpportunityStage.PROSPECTING": "First contact; the default.",
    "OpportunityStage.QUALIFICATION": "Need and budget being confirmed.",
    "OpportunityStage.PROPOSAL": "A quote is being proposed.",
    "OpportunityStage.NEGOTIATION": "Terms are being negotiated.",
    "OpportunityStage.CLOSED_WON": "Won; R1's default orderOnStage.",
    "OpportunityStage.CLOSED_LOST": "Lost.",
    "OrderByField": "Q5/O5: quote line fields orders can be split on (after O6/Q7 defaults apply).",
    "OrderByField.PRODUCT_FAMILY": "One order per product family.",
    "OrderByField.BILLING_FREQUENCY": "One order per billing frequency (line, else product, else quote).",
    "OrderByField.PRODUCT_TYPE": "One order per product type.",
    "OrderByField.START_DATE": "One order per start date (line, else group, else quote).",
    "OrderEventType": "D4: kinds of order events.",
    "OrderEventType.CREATED": "O/O12: the order was created.",
    "OrderEventType.UPDATED": "D4: a DRAFT order was edited (updateOrder).",
    "OrderEventType.STATUS_CHANGED": "A3/A4: the status changed.",
    "OrderEventType.CHANGED": "I1: an in-flight change made a new version.",
    "OrderEventType.CONTRACTED": "C1: the order was contracted.",
    "OrderEventType.UNCONTRACTED": "C4: the order was un-contracted.",
    "OrderEventType.SHIPPED": "A4: quantities shipped without a status change.",
    "OrderEventType.CANCELLED": "I2: the order was cancelled.",
    "OrderEventType.KEY_REVOKED": "S1: internal (an API key was revoked); never delivered to clients.",
    "OrderSortField": "Keys orders can be sorted on.",
    "OrderSortField.CREATED_AT": "Creation time.",
    "OrderSortField.NUMBER": "Order number.",
    "OrderSortField.TOTAL_AMOUNT": "Order total.",
    "OrderStatus": "A4: order lifecycle; Query.orderStatusTransitions lists the allowed moves.",
    "OrderStatus.DRAFT": "D1: editable; every new order starts here.",
    "OrderStatus.ACTIVATED": "A1: locked for fulfilment.",
    "OrderStatus.IN_FULFILLMENT": "A4: something has shipped.",
    "OrderStatus.FULFILLED": "A4: everything has shipped.",
    "OrderStatus.COMPLETED": "A4: billed in full.",
    "OrderStatus.CANCELLED": "I2: cancelled, with a reason; shipped quantities stay.",
    "OrderType": "O7: how an order came about.",
    "OrderType.NEW": "O7: a new sale (from a quote, or direct).",
    "OrderType.AMENDMENT": "C9: a change of a contract (not made yet).",
    "OrderType.RENEWAL": "R2: a renewal of a contract (not made yet).",
    "Permission": "S2: what a role may do; each mutation needs one.",
    "Permission.READ": "Read the objects in scope.",
    "Permission.MANAGE_SETTINGS": "Change the organisation settings.",
    "Permission.MANAGE_CATALOG": "Create products.",
    "Permission.MANAGE_ACCOUNTS": "Create accounts.",
    "Permission.EDIT_OPPORTUNITIES": "Create opportunities and move their stage.",
    "Permission.EDIT_QUOTES": "Create, edit, submit, present, accept and reject quotes.",
    "Permission.APPROVE_QUOTES": "Q6: approve and deny quotes.",
    "Permission.CREATE_ORDERS": "Create orders from quotes and direct orders.",
    "Permission.EDIT_ORDERS": "Edit draft orders, change and cancel orders.",
    "Permission.ACTIVATE_ORDERS": "A1/A2/C1: activate, deactivate, contract and un-contract orders.",
    "Permission.FULFILL_ORDERS": "A4: ship items and complete orders.",
    "Permission.MANAGE_KEYS": "S1: create, list and revoke API keys.",
    "ProductType": "Q3: how a product is priced and what it becomes.",
    "ProductType.ONE_TIME": "Priced per unit; dates optional; becomes an asset (C3).",
    "ProductType.RECURRING": "Priced per default term, prorated to the effective term; becomes a subscription (C2).",
    "ProductType.USAGE": "Priced per unit, dated like RECURRING.",
    "QuoteSortField": "Keys quotes can be sorted on.",
    "QuoteSortField.CREATED_AT": "Creation time.",
    "QuoteSortField.NUMBER": "Quote number.",
    "QuoteSortField.TOTAL": "Quote total.",
    "QuoteStatus": "Q1: quote approval path; Quote.nextStatuses lists the allowed moves.",
    "QuoteStatus.DRAFT": "Q1: being edited; any edit returns a quote here.",
    "QuoteStatus.IN_REVIEW": "Q6: submitted, waiting for approval.",
    "QuoteStatus.APPROVED": "Q6: approved; orderable when requireApprovedQuote is on (O2).",
    "QuoteStatus.DENIED": "Q6: approval denied.",
    "QuoteStatus.PRESENTED": "Q1: shown to the customer.",
    "QuoteStatus.ACCEPTED": "Q1: accepted by the customer.",
    "QuoteStatus.REJECTED": "Q1: rejected by the customer.",
    "Role": "S2: roles of API keys.",
    "Role.ADMIN": "Every permission, every account.",
    "Role.SALES_REP": "Sales objects of accounts it owns or is granted (S3); no approvals or activation.",
    "Role.SALES_OPS": "All sales objects, APPROVE_QUOTES and ACTIVATE_ORDERS.",
    "Role.FULFILLMENT": "Reads, ships items and completes orders.",
    "Role.BILLING": "Reads (billing rules B are not in effect yet).",
    "Role.PARTNER": "Reads, quotes and orders only for the accounts granted to it (S3).",
    "Role.READ_ONLY": "Reads only.",
    "SortDirection": "Sort direction.",
    "SortDirection.ASC": "Ascending.",
    "SortDirection.DESC": "Descending.",
    "SubscriptionStatus": "C5: state of a contract subscription.",
    "SubscriptionStatus.ACTIVE": "C2: in force.",
    "SubscriptionStatus.CANCELLED": "C5: its order item was cancelled; history kept.",
}

CONTRACTS: dict[str, str] = {
    **_mutation(
        "createContractFromQuote",
        "C6: a DRAFT contract from an APPROVED quote, joined by its order when contracted (MANAGE_CONTRACTS). "
        "Errors: QUOTE_NOT_APPROVED, ALREADY_CONTRACTED, NOT_FOUND, FORBIDDEN.",
        contract="The new DRAFT contract; null when `errors` is not empty.",
    ),
    **_mutation(
        "submitContract",
        "C6: DRAFT -> IN_APPROVAL (MANAGE_CONTRACTS). Errors: INVALID_TRANSITION, VERSION_CONFLICT, NOT_FOUND, "
        "FORBIDDEN.",
        contract="The contract, now IN_APPROVAL; null when `errors` is not empty.",
    ),
    **_mutation(
        "approveContract",
        "C6: IN_APPROVAL -> APPROVED (APPROVE_CONTRACTS: LEGAL, SALES_OPS, ADMIN). Errors: INVALID_TRANSITION, "
        "VERSION_CONFLICT, NOT_FOUND, FORBIDDEN.",
        contract="The contract, now APPROVED; null when `errors` is not empty.",
    ),
    **_mutation(
        "rejectContract",
        "C6: IN_APPROVAL -> DRAFT with a reason (APPROVE_CONTRACTS). Errors: INVALID_TRANSITION, "
        "VERSION_CONFLICT, VALIDATION_ERROR, NOT_FOUND, FORBIDDEN.",
        contract="The contract, back to DRAFT; null when `errors` is not empty.",
    ),
    **_mutation(
        "sendContractForSignature",
        "C6: APPROVED -> SENT_FOR_SIGNATURE, naming its signatories (MANAGE_CONTRACTS). Errors: "
        "INVALID_TRANSITION, VERSION_CONFLICT, VALIDATION_ERROR, NOT_FOUND, FORBIDDEN.",
        contract="The contract, now SENT_FOR_SIGNATURE, with its signatories; null on errors.",
    ),
    **_mutation(
        "signContract",
        "C6: one signatory signs; SIGNED when the last one has, ACTIVATED at once if its start date has passed "
        "(MANAGE_CONTRACTS). Errors: INVALID_TRANSITION, NOT_FOUND, FORBIDDEN.",
        contract="The contract with the signature recorded; null when `errors` is not empty.",
    ),
    **_mutation(
        "cancelContract",
        "C6: DRAFT, IN_APPROVAL, APPROVED or SENT_FOR_SIGNATURE -> CANCELLED with a reason (MANAGE_CONTRACTS). "
        "Errors: INVALID_TRANSITION, VERSION_CONFLICT, VALIDATION_ERROR, NOT_FOUND, FORBIDDEN.",
        contract="The contract, now CANCELLED; null when `errors` is not empty.",
    ),
    **_mutation(
        "addObligation",
        "C7: an OPEN obligation on a contract (MANAGE_CONTRACTS). Errors: VALIDATION_ERROR, NOT_FOUND, FORBIDDEN.",
        obligation="The new obligation; null when `errors` is not empty.",
    ),
    **_mutation(
        "updateObligation",
        "C7: OPEN -> DONE or WAIVED, once (MANAGE_CONTRACTS). Errors: INVALID_TRANSITION, NOT_FOUND, FORBIDDEN.",
        obligation="The obligation with its new status; null when `errors` is not empty.",
    ),
    **_mutation(
        "addMilestone",
        "C7: a milestone on a contract (MANAGE_CONTRACTS). Errors: VALIDATION_ERROR, NOT_FOUND, FORBIDDEN.",
        milestone="The new milestone; null when `errors` is not empty.",
    ),
    "CreateContractFromQuoteInput.quoteId": "C6: the APPROVED (or PRESENTED / ACCEPTED) quote the contract is for.",
    "SubmitContractInput.contractId": "The DRAFT contract to submit.",
    "ApproveContractInput.contractId": "The IN_APPROVAL contract to approve.",
    "RejectContractInput.contractId": "The IN_APPROVAL contract to send back to DRAFT.",
    "RejectContractInput.reason": "Why it is rejected (required, recorded on the event).",
    "SendContractForSignatureInput.contractId": "The APPROVED contract to send.",
    "SendContractForSignatureInput.signatories": "C6: who signs: at least one, customer and internal.",
    "SignContractInput.contractId": "The SENT_FOR_SIGNATURE contract.",
    "SignContractInput.signatoryId": "The signatory who signs now (each signs once).",
    "CancelContractInput.contractId": "The contract to cancel (not yet SIGNED).",
    "CancelContractInput.reason": "Why it is cancelled (required, recorded on the event).",
    "AddObligationInput.contractId": "The contract the obligation belongs to.",
    "AddObligationInput.title": "What must be done.",
    "AddObligationInput.dueDate": "C7: by when, a calendar date; open and past due is overdue.",
    "AddObligationInput.ownerKeyId": "The API key responsible for it, if any.",
    "UpdateObligationInput.obligationId": "The OPEN obligation.",
    "UpdateObligationInput.status": "C7: DONE or WAIVED.",
    "AddMilestoneInput.contractId": "The contract the milestone belongs to.",
    "AddMilestoneInput.title": "What the milestone marks.",
    "AddMilestoneInput.date": "When it falls, a calendar date.",
    "SignatoryInput": "C6: one person who signs a contract.",
    "SignatoryInput.name": "The signatory's name.",
    "SignatoryInput.email": "The signatory's email address.",
    "SignatoryInput.kind": "CUSTOMER or INTERNAL.",
    "Signatory": "C6: one person who signs a contract, and when they signed.",
    "Signatory.id": "Opaque id (UUID); pass it to signContract.",
    "Signatory.name": "The signatory's name.",
    "Signatory.email": "The signatory's email address.",
    "Signatory.kind": "CUSTOMER or INTERNAL.",
    "Signatory.signedAt": "When they signed (UTC); null until then.",
    "SignatoryKind": "C6: which side a signatory signs for.",
    "SignatoryKind.CUSTOMER": "Signs for the customer's account.",
    "SignatoryKind.INTERNAL": "Signs for the selling organisation.",
    "Obligation": "C7: something a party must do under a contract, by a due date.",
    "Obligation.id": "Opaque id (UUID).",
    "Obligation.contract": "The contract it belongs to.",
    "Obligation.title": "What must be done.",
    "Obligation.dueDate": "By when, a calendar date.",
    "Obligation.ownerKeyId": "The API key responsible for it, if any.",
    "Obligation.status": "C7: OPEN, DONE or WAIVED (OVERDUE is derived: see `overdue`).",
    "Obligation.overdue(asOf:)": "The day to judge on, a calendar date; default today (UTC).",
    "ObligationStatus": "C7: an obligation's status; OVERDUE is derived, never stored.",
    "ObligationStatus.OPEN": "Not done yet.",
    "ObligationStatus.DONE": "Done.",
    "ObligationStatus.WAIVED": "No longer required.",
    "Milestone": "C7: a dated point in a contract's life.",
    "Milestone.id": "Opaque id (UUID).",
    "Milestone.title": "What the milestone marks.",
    "Milestone.date": "When it falls, a calendar date.",
    "Milestone.reached(asOf:)": "The day to judge on, a calendar date; default today (UTC).",
    "Contract.type": "NEW today; AMENDMENT and RENEWAL contracts come with C9 and R2 (not in effect yet).",
    "Contract.signatories": "C6: who signs it, in the order they were named.",
    "Contract.obligations": "C7: its obligations, by due date.",
    "Contract.milestones": "C7: its milestones, by date.",
    "ContractEvent": "C6: one change of a contract, on the contract's own stream (D4).",
    "ContractEvent.id": "Position in the contract stream (increasing; resume after it).",
    "ContractEvent.cursor": "Pass as `after` to contractEvents to resume after this event.",
    "ContractEvent.type": "What happened.",
    "ContractEvent.at": "When it was committed (UTC).",
    "ContractEvent.actor": "The API key that made the change (name and id).",
    "ContractEvent.contract": "The contract, as the caller may see it now (S3).",
    "ContractEvent.previousStatus": "The status before a status change; null otherwise.",
    "ContractEvent.status": "The contract's status after the change.",
    "ContractEvent.version": "The contract's version after the change.",
    "ContractEvent.changes": "JSON: what changed, before and after values.",
    "ContractEventType": "C6/C7: kinds of contract events.",
    "ContractEventType.CREATED": "The contract was created.",
    "ContractEventType.STATUS_CHANGED": "It moved to another status.",
    "ContractEventType.SIGNED": "A signatory signed.",
    "ContractEventType.ORDER_JOINED": "C6: its quote's order was contracted into it.",
    "ContractEventType.OBLIGATION_ADDED": "C7: an obligation was added.",
    "ContractEventType.OBLIGATION_UPDATED": "C7: an obligation became DONE or WAIVED.",
    "ContractEventType.MILESTONE_ADDED": "C7: a milestone was added.",
    "ContractStatus.CANCELLED": "C6: cancelled before signature, with a reason.",
    "ContractStatus.RENEWED": "R4: replaced by its renewal contract at its end (not in effect yet).",
    "Permission.APPROVE_CONTRACTS": "S2: approve or reject contracts (LEGAL, SALES_OPS, ADMIN).",
    "Permission.MANAGE_CONTRACTS": "S2: create, submit, send, sign and cancel contracts; obligations and milestones.",
    "Role.LEGAL": "S2: reads everything in scope and approves or rejects contracts.",
    "Subscription.contractEvents(contractId:)": "Only this contract's events (S3: another account's is NOT_FOUND).",
    "Subscription.contractEvents(accountId:)": "Only this account's contracts' events.",
    "Subscription.contractEvents(after:)": "A contract event cursor: replay what followed it, then continue live.",
}

DESCRIPTIONS: dict[str, str] = {**MUTATIONS, **CONNECTIONS, **TYPES, **INPUTS, **ENUMS, **CONTRACTS}


def coordinates(schema: Any) -> dict[str, Any]:
    """Every describable element of a graphql-core schema by its coordinate, except the built-in
    scalars and the introspection types."""
    found: dict[str, Any] = {}
    for name, named in schema.type_map.items():
        if name.startswith("__") or name in ("String", "Int", "Float", "Boolean", "ID"):
            continue
        found[name] = named
        if isinstance(named, GraphQLObjectType | GraphQLInterfaceType | GraphQLInputObjectType):
            for field_name, field in named.fields.items():
                found[f"{name}.{field_name}"] = field
                for arg_name, arg in getattr(field, "args", {}).items():
                    found[f"{name}.{field_name}({arg_name}:)"] = arg
        elif isinstance(named, GraphQLEnumType):
            for value_name, value in named.values.items():
                found[f"{name}.{value_name}"] = value
    return found


def apply_descriptions(schema: Any) -> None:
    """Fill in every description the code left empty, from DESCRIPTIONS (a strawberry.Schema)."""
    elements = coordinates(schema._schema)
    for coordinate, text in DESCRIPTIONS.items():
        element = elements.get(coordinate)
        if element is not None and not element.description:
            element.description = text
