"""Schema descriptions: amendments (C9), orders from a contract's price agreement (C10), termination (C11)."""

from schema.docs.common import _mutation

AMENDMENTS: dict[str, str] = {
    **_mutation(
        "amendContract",
        "C9: an AMENDMENT opportunity and primary quote for an ACTIVATED contract: per product its net quantity "
        "at the contract's unit price, dated effectiveDate .. the contract's end (EDIT_QUOTES). Edit it with "
        "updateQuote, order it with createOrdersFromQuote (one order of prorated deltas), contract that order "
        "with contractOrder. Errors: CONTRACT_NOT_ACTIVE, AMENDMENT_DATE_OUT_OF_RANGE, NOT_FOUND, FORBIDDEN.",
        quote="The new AMENDMENT quote; null when `errors` is not empty.",
    ),
    **_mutation(
        "createOrderFromContract",
        "C10: a DRAFT order of the contract's products at the contract's prices, drawing down what remains per "
        "product under a row lock (CREATE_ORDERS). Errors: CONTRACT_NOT_ACTIVE, PRODUCT_NOT_ON_CONTRACT, "
        "QUANTITY_EXCEEDS_REMAINING, INVALID_QUANTITY, VALIDATION_ERROR, NOT_FOUND, FORBIDDEN.",
        order="The new order (drawnFromContract); null when `errors` is not empty.",
    ),
    **_mutation(
        "terminateContract",
        "C11: ends every subscription of an ACTIVATED contract at terminationDate, cancels the assets of its "
        "orders and moves it to TERMINATED (MANAGE_CONTRACTS); billing after the date is voided, and what was "
        "invoiced for the days after it credited (B6). Errors: CONTRACT_NOT_ACTIVE, "
        "TERMINATION_DATE_OUT_OF_RANGE, VERSION_CONFLICT, VALIDATION_ERROR, NOT_FOUND, FORBIDDEN.",
        contract="The contract, now TERMINATED; null when `errors` is not empty.",
    ),
    "AmendContractInput.contractId": "The ACTIVATED contract to amend.",
    "AmendContractInput.effectiveDate": "C9: when the changes take effect, within the contract's dates.",
    "CreateOrderFromContractInput.contractId": "The ACTIVATED contract whose price agreement is drawn on.",
    "CreateOrderFromContractInput.lines": "C10: the products and quantities to order, one line per product.",
    "CreateOrderFromContractInput.orderStartDate": "The order's start date; default today (UTC).",
    "ContractLineInput": "C10: one product to order from a contract.",
    "ContractLineInput.productId": "A product the contract holds.",
    "ContractLineInput.quantity": "How many; at most what remains of it on the contract.",
    "TerminateContractInput.contractId": "The ACTIVATED contract to terminate.",
    "TerminateContractInput.terminationDate": "C11: the last day of every subscription, within the contract.",
    "TerminateContractInput.reason": "Why it is terminated (required, recorded on the event).",
    "Contract.type": "NEW, or RENEWAL for a renewal (R4). An amendment (C9) changes the same contract.",
    "Contract.amendments": "C9: its AMENDMENT quotes, oldest first.",
    "Quote.type": "C9/R2: NEW, AMENDMENT (changes a contract) or RENEWAL (renews one).",
    "Quote.contract": "C9/R2: the contract an AMENDMENT quote amends or a RENEWAL quote renews.",
    "Opportunity.type": "C9/R2: NEW, AMENDMENT or RENEWAL.",
    "Opportunity.contract": "C9/R2: the contract an AMENDMENT or RENEWAL opportunity belongs to.",
    "Order.type": "O7/C9: NEW from quotes and direct orders; AMENDMENT for an amendment's deltas (negative: credits).",
    "ContractEventType.AMENDED": "C9: an amendment order's delta subscriptions were added; the version moved.",
    "ErrorCode.CONTRACT_NOT_ACTIVE": "C9-C11: the contract is not ACTIVATED.",
    "ErrorCode.AMENDMENT_DATE_OUT_OF_RANGE": "C9: the effective date lies outside the contract's dates.",
    "ErrorCode.QUANTITY_BELOW_ZERO": "C9: an amendment's net quantity below 0.",
    "ErrorCode.PRODUCT_NOT_ON_CONTRACT": "C10: the product is not on the contract.",
    "ErrorCode.TERMINATION_DATE_OUT_OF_RANGE": "C11: the termination date lies outside the contract's dates.",
    "ContractStatus.TERMINATED": "C11: ended early by terminateContract; its subscriptions end on terminationDate.",
    "Order.drawnFromContract": "C10: drawn from its contract's price agreement (createOrderFromContract).",
}
