"""Schema descriptions: mutations."""

from schema.docs.common import _connection, _list_field, _mutation, _sort

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
        "Moves an opportunity to any stage; reaching `orderOnStage` orders its primary quote in the same "
        "transaction (R1; CREATE_ORDERS too). Needs EDIT_OPPORTUNITIES. Errors: FORBIDDEN, NOT_FOUND, and an O "
        "rule's code (NO_PRIMARY_QUOTE, QUOTE_NOT_APPROVED, QUOTE_ALREADY_ORDERED, ...): the stage stays.",
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
            "A4/F3 shortcut: one fulfillment without a location (no stock) created, allocated, shipped and "
            "delivered at once for SHIPPABLE items (FULFILL_ORDERS). Errors: QUANTITY_EXCEEDS_REMAINING, "
            "INVALID_TRANSITION, INVALID_QUANTITY, VALIDATION_ERROR, NOT_FOUND, FORBIDDEN."
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
