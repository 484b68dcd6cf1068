"""Schema descriptions: billing schedules and invoices (B1, B2, B6)."""

from schema.docs.common import _connection, _list_field, _mutation, _sort

_INVOICE = "The invoice; null when `errors` is not empty."

BILLING: dict[str, str] = {
    "Product.billingTiming": "B1: when its RECURRING items' lines are invoice-ready: ADVANCE (period start) or "
    "ARREARS (period end + 1 day); ADVANCE for products made before it.",
    "CreateProductInput.billingTiming": "B1: ADVANCE (default) or ARREARS; ONE_TIME items are billed at "
    "activation either way.",
    "BillingTiming": "B1: when a recurring item's period is invoice-ready.",
    "BillingTiming.ADVANCE": "B1: in advance, on the period start.",
    "BillingTiming.ARREARS": "B1: in arrears, on the period end + 1 day.",
    **_mutation(
        "runInvoices",
        "B2: invoices every due (invoice date <= asOf), unbilled, non-void schedule line: one DRAFT invoice per "
        "account and currency, credit lines on a DRAFT credit note; re-running invoices nothing twice "
        "(MANAGE_BILLING: BILLING, ADMIN). Errors: VALIDATION_ERROR, FORBIDDEN.",
        invoices="The invoices this run created (empty when nothing was due); null when `errors` is not empty.",
    ),
    "RunInvoicesInput.asOf": "B2: the as-of date: lines whose invoice date is on or before it are due.",
    **_mutation(
        "postInvoice",
        "B2: DRAFT -> POSTED with the next gapless number (INV-000001); a posted invoice is never edited again "
        "(MANAGE_BILLING). Errors: INVALID_TRANSITION, NOT_FOUND, FORBIDDEN.",
        invoice=_INVOICE,
    ),
    "PostInvoiceInput.invoiceId": "The DRAFT invoice to post (NOT_FOUND outside the caller's scope, S3).",
    **_mutation(
        "voidInvoice",
        "B2: a DRAFT, or an unpaid POSTED invoice -> VOID; its lines become billable again; a POSTED one is "
        "corrected by a posted credit note of the opposite amount (MANAGE_BILLING). Errors: INVALID_TRANSITION, "
        "NOT_FOUND, FORBIDDEN.",
        invoice=_INVOICE,
    ),
    "VoidInvoiceInput.invoiceId": "The invoice to void (NOT_FOUND outside the caller's scope, S3).",
    **_connection("Invoice", "invoices"),
    **_list_field(
        "invoices",
        "B2: invoices and credit notes",
        "Only invoices of this account, status and/or kind.",
        "Sort key (CREATED_AT or NUMBER) and direction.",
    ),
    **_sort("InvoiceSort", "invoices"),
    "InvoiceFilter": "Which invoices to list; every field set must match.",
    "InvoiceFilter.accountId": "Only this account's invoices.",
    "InvoiceFilter.status": "Only invoices in this status.",
    "InvoiceFilter.kind": "Only INVOICEs or only CREDIT_NOTEs.",
    "Query.invoice": "B2: one invoice or credit note by id; null when unknown or outside the caller's scope (S3).",
    "Query.invoice(id:)": "The invoice id.",
    "Query.billingSchedulePreview": "B1: the schedule lines activation today would write, for a quote (its lines "
    "at the quote's dates) or a draft order; for an activated order its current lines. Writes nothing.",
    "Query.billingSchedulePreview(quoteId:)": "A quote to preview (give this or orderId).",
    "Query.billingSchedulePreview(orderId:)": "An order to preview (give this or quoteId).",
    "Account.billingDayOfMonth": "B1: billing periods align to this day of the month (1-28); null: to each "
    "item's start day.",
    "Account.invoices": "B2: the account's invoices and credit notes, oldest first.",
    "CreateAccountInput.billingDayOfMonth": "B1: the day of the month billing periods start on, 1-28 (every "
    "month has it); else VALIDATION_ERROR. Leave it out to align periods to each item's start.",
    "OrderItem.billingSchedule": "B1: the item's schedule lines, voided ones included (B6: never deleted).",
    "Permission.MANAGE_BILLING": "B2: run invoices, post and void them (BILLING, ADMIN).",
    "BillingLine": "B1: one line of an order item's billing schedule: a period, the date it is invoiced on "
    "(in advance: the period start) and its prorated amount.",
    "BillingLine.id": "Its id; null in a preview (nothing written).",
    "BillingLine.position": "Its order among the item's lines (1 = first).",
    "BillingLine.periodStart": "First day of the billed period.",
    "BillingLine.periodEnd": "Last day of the billed period (counted).",
    "BillingLine.invoiceDate": "B1: when it is due for invoicing: the period start (billed in advance).",
    "BillingLine.amount": "B1: the prorated amount, a Decimal string; negative for a CREDIT line (B6).",
    "BillingLine.kind": "CHARGE, or CREDIT (a negative delta, invoiced on a credit note, B6).",
    "BillingLine.status": "UNBILLED until an invoice run takes it, INVOICED, or VOID when replaced (B6).",
    "BillingLine.reason": "Why it exists: ACTIVATION, CHANGE, CANCELLATION, DEACTIVATION, ADJUSTMENT, TERMINATION, ...",
    "BillingLine.orderItem": "The order item it bills; null in a quote preview.",
    "BillingLine.quoteLine": "The quote line it previews (a quote preview), else the one its order item came from.",
    "BillingLine.invoice": "The invoice it is on; null while unbilled.",
    "BillingLineKind": "B6: whether a schedule line charges or credits.",
    "BillingLineKind.CHARGE": "A positive amount, invoiced on an INVOICE.",
    "BillingLineKind.CREDIT": "A negative amount, invoiced on a CREDIT_NOTE.",
    "BillingLineStatus": "B1/B2: where a schedule line is in billing.",
    "BillingLineStatus.UNBILLED": "Not invoiced yet; the next run due on its invoice date takes it.",
    "BillingLineStatus.INVOICED": "On an invoice.",
    "BillingLineStatus.VOID": "Replaced or cancelled (B6); kept, never deleted, never billed.",
    "Invoice": "B2: an invoice or credit note of an account in one currency. Amounts are signed: a credit "
    "note's total is negative.",
    "Invoice.id": "Its id.",
    "Invoice.number": "B2: gapless INV-000001 once posted; null while DRAFT.",
    "Invoice.kind": "INVOICE, or CREDIT_NOTE (credit lines, or the correction of a voided posted invoice).",
    "Invoice.status": "B2: DRAFT -> POSTED -> PAID | VOID.",
    "Invoice.currency": "ISO currency of every line.",
    "Invoice.total": "The sum of its lines, a Decimal string.",
    "Invoice.balance": "B3: what is left to pay: the total when posted, less payments; 0.00 when void.",
    "Invoice.asOf": "The as-of date of the run that made it.",
    "Invoice.postedAt": "When it was posted; null while DRAFT.",
    "Invoice.voidedAt": "When it was voided; null otherwise.",
    "Invoice.createdAt": "When the run created it.",
    "Invoice.version": "Incremented on every status change.",
    "Invoice.account": "The account billed.",
    "Invoice.corrects": "B2: for a credit note issued by voiding a posted invoice, that invoice.",
    "Invoice.lines": "Its lines, in the order of the run.",
    "Invoice.nextStatuses": "B2: the statuses it may move to (the invoice status table).",
    "InvoiceLine": "B2: the billed copy of one schedule line.",
    "InvoiceLine.id": "Its id.",
    "InvoiceLine.position": "Its order on the invoice (1 = first).",
    "InvoiceLine.description": "Order number, product and period.",
    "InvoiceLine.periodStart": "First day of the billed period.",
    "InvoiceLine.periodEnd": "Last day of the billed period (counted).",
    "InvoiceLine.amount": "The billed amount, a Decimal string; negative on a credit note.",
    "InvoiceLine.orderItem": "The order item it bills.",
    "InvoiceKind": "B2: an invoice or a credit note.",
    "InvoiceKind.INVOICE": "Charges the account.",
    "InvoiceKind.CREDIT_NOTE": "Credits the account (negative total, B6).",
    "InvoiceStatus": "B2: the invoice status machine.",
    "InvoiceStatus.DRAFT": "Made by an invoice run; no number yet; may be posted or voided.",
    "InvoiceStatus.POSTED": "Numbered and fixed; corrections are credit notes.",
    "InvoiceStatus.PAID": "B3: its balance reached zero.",
    "InvoiceStatus.VOID": "Voided; its lines were billable again.",
}
