"""Schema descriptions: payments, purchase orders and credit (B3, B4, B5)."""

from schema.docs.common import MONEY, _mutation

PURCHASING: dict[str, str] = {
    "ErrorCode.OVERPAYMENT": "B3: a payment allocation larger than the invoice's open balance.",
    "ErrorCode.PO_AMOUNT_EXCEEDED": "B4: the attached orders' totals would exceed the purchase order's amount.",
    "ErrorCode.PO_NOT_APPLICABLE": "B4: the purchase order is expired, another account's or in another currency.",
    "ErrorCode.CREDIT_LIMIT_EXCEEDED": "B5: the order's total plus open receivables (both in the account's "
    "currency) exceeds the credit limit.",
    **_mutation(
        "createPurchaseOrder",
        "B4: a customer purchase order for an account: number unique per account, authorised amount, currency, "
        "validity dates (MANAGE_PURCHASE_ORDERS: BILLING, SALES_OPS, ADMIN). Errors: VALIDATION_ERROR, NOT_FOUND, "
        "FORBIDDEN.",
        purchaseOrder="The new purchase order; null when `errors` is not empty.",
    ),
    "CreatePurchaseOrderInput.accountId": "The account the PO belongs to (in the caller's scope, S3).",
    "CreatePurchaseOrderInput.number": "The customer's PO number, unique per account.",
    "CreatePurchaseOrderInput.amount": f"The authorised amount, {MONEY}, positive; rounded to the cent.",
    "CreatePurchaseOrderInput.currency": "Three-letter ISO 4217 code; only orders in this currency may draw on it.",
    "CreatePurchaseOrderInput.validFrom": "First day the PO may be attached to orders.",
    "CreatePurchaseOrderInput.validTo": "Last day the PO may be attached to orders (not before validFrom).",
    **_mutation(
        "attachPurchaseOrder",
        "B4: the order draws on the PO (replacing any PO it drew on); the attached orders' totals may not exceed "
        "the PO's amount, checked under a lock on the PO (MANAGE_PURCHASE_ORDERS). Errors: PO_AMOUNT_EXCEEDED, "
        "PO_NOT_APPLICABLE (another account, another currency, or today outside its validity), ORDER_LOCKED "
        "(a cancelled order), VERSION_CONFLICT, NOT_FOUND, FORBIDDEN.",
        order="The order with its purchaseOrder; null when `errors` is not empty.",
    ),
    "AttachPurchaseOrderInput.orderId": "The order to attach (in the caller's scope, S3).",
    "AttachPurchaseOrderInput.purchaseOrderId": "The purchase order it draws on (same account and currency).",
    "AttachPurchaseOrderInput.version": "D5: the order's version, checked when given.",
    **_mutation(
        "releaseCreditHold",
        "B5: approve the order's current total for activation despite the account's credit limit "
        "(MANAGE_BILLING: BILLING, ADMIN); a later increase of the total needs a new release. Errors: "
        "VERSION_CONFLICT, NOT_FOUND, FORBIDDEN.",
        order="The order with creditApprovedAmount set to its total; null when `errors` is not empty.",
    ),
    "ReleaseCreditHoldInput.orderId": "The order whose credit hold is released (in the caller's scope, S3).",
    "ReleaseCreditHoldInput.version": "D5: the order's version, checked when given.",
    **_mutation(
        "recordPayment",
        "B3: a payment received from an account, applied to its POSTED invoices in the same currency, wholly or "
        "partly; an invoice whose balance reaches zero is PAID; what is not allocated stays on the account "
        "(MANAGE_BILLING: BILLING, ADMIN). Errors: OVERPAYMENT (more than an invoice's balance), "
        "ALLOCATIONS_EXCEED_PAYMENT, VALIDATION_ERROR (another account's or currency's invoice, not POSTED, "
        "amounts not positive, an invoice twice), NOT_FOUND, FORBIDDEN.",
        payment="The recorded payment with its allocations; null when `errors` is not empty.",
    ),
    "RecordPaymentInput.accountId": "The paying account (in the caller's scope, S3).",
    "RecordPaymentInput.amount": f"The amount received, {MONEY}, positive.",
    "RecordPaymentInput.currency": "Three-letter ISO 4217 code; every invoice paid is in this currency.",
    "RecordPaymentInput.allocations": "How much of the payment goes to which invoice; may be empty (unapplied).",
    "RecordPaymentInput.receivedOn": "The day the cash arrived (the journal date, B7); default today (UTC).",
    "PaymentAllocationInput": "One invoice paid by a payment, and how much of it.",
    "PaymentAllocationInput.invoiceId": "A POSTED invoice of the paying account.",
    "PaymentAllocationInput.amount": f"The amount applied, {MONEY}; at most the invoice's balance (OVERPAYMENT).",
    "Payment": "B3: a payment received from an account and its allocations to invoices.",
    "Payment.id": "Opaque id.",
    "Payment.amount": f"The amount received, {MONEY}.",
    "Payment.currency": "Currency of the payment and of the invoices it pays.",
    "Payment.receivedOn": "The day the cash arrived (the journal date, B7).",
    "Payment.createdAt": "When it was recorded.",
    "Payment.account": "The paying account.",
    "Payment.allocations": "The invoices it paid and how much of each, in input order.",
    "PaymentAllocation": "B3: the part of a payment applied to one invoice.",
    "PaymentAllocation.id": "Opaque id.",
    "PaymentAllocation.amount": f"The amount applied to the invoice, {MONEY}.",
    "PaymentAllocation.payment": "The payment.",
    "PaymentAllocation.invoice": "The invoice paid.",
    "Invoice.payments": "B3: the payments applied to this invoice (allocations, each with its payment).",
    "Account.payments": "B3: the payments received from the account, by receivedOn.",
    "PurchaseOrder": "B4: a customer purchase order; the orders attached to it draw on its amount.",
    "PurchaseOrder.id": "Opaque id.",
    "PurchaseOrder.number": "The customer's PO number, unique per account.",
    "PurchaseOrder.amount": f"The authorised amount, {MONEY}.",
    "PurchaseOrder.currency": "Currency of the PO and of every order attached to it.",
    "PurchaseOrder.validFrom": "First day it may be attached.",
    "PurchaseOrder.validTo": "Last day it may be attached.",
    "PurchaseOrder.createdAt": "When it was created.",
    "PurchaseOrder.remainingAmount": f"B4: amount less the totals of the orders attached to it, {MONEY}.",
    "PurchaseOrder.account": "The account it belongs to.",
    "Account.purchaseOrders": "B4: the account's purchase orders, by validFrom then number.",
    "Account.openReceivables": "B3: the sum of the balances of the account's POSTED, unpaid invoices in the "
    f"account's own `currency` only, {MONEY}; invoices in other currencies are not converted or added (see "
    "openReceivablesByCurrency). B5 judges the credit limit against this amount.",
    "Account.openReceivablesByCurrency": "B3: the account's open receivables per currency (the sum of the "
    "balances of its POSTED, unpaid invoices in each), every currency with a nonzero sum, sorted by currency; "
    "empty when nothing is open. Amounts in different currencies are never added.",
    "CurrencyAmount": "An amount of money in one currency.",
    "CurrencyAmount.currency": "Three-letter ISO 4217 code.",
    "CurrencyAmount.amount": f"The amount in that currency, {MONEY}.",
    "Order.creditHold": "B5: true when activating this DRAFT order now would be CREDIT_LIMIT_EXCEEDED for a key "
    "without OVERRIDE_CREDIT_HOLD (total + open receivables in the account's currency over the credit limit, "
    "and not released). On an account with a credit limit, true for an unreleased order in another currency "
    "than the account's: the limit cannot judge it (no exchange rates), so a BILLING key releases it.",
    "Order.creditApprovedAmount": "B5: the total a releaseCreditHold approved; null when never released.",
    "Order.purchaseOrder": "B4: the purchase order this order draws on; null when none is attached.",
    "ErrorCode.ALLOCATIONS_EXCEED_PAYMENT": "B3: a payment's allocations add up to more than its amount.",
    "Permission.MANAGE_BILLING": "B3/B5: record payments and release credit holds (BILLING, ADMIN).",
    "Permission.MANAGE_PURCHASE_ORDERS": "B4: create and attach purchase orders (BILLING, SALES_OPS, ADMIN).",
    "Permission.OVERRIDE_CREDIT_HOLD": "B5: activate an order over the account's credit limit (ADMIN).",
}
