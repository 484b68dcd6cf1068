"""Schema descriptions: contract and quote documents (C8)."""

from schema.docs.common import _mutation

DOCUMENTS: dict[str, str] = {
    **_mutation(
        "renderDocument",
        "C8: render a contract, a quote or an invoice (B2) to a PDF with a template (default: the kind's "
        "default template) and "
        "keep it with its sha256 (RENDER_DOCUMENTS: every role but READ_ONLY; scoped, S3). Deterministic: the "
        "same data and template give the same bytes. Errors: TEMPLATE_RENDER_FAILED, VALIDATION_ERROR, "
        "NOT_FOUND, FORBIDDEN.",
        document="The rendered document; null when `errors` is not empty.",
    ),
    **_mutation(
        "saveDocumentTemplate",
        "C8: create a document template (no id) or update one (id: version + 1); saving a default template's id "
        "replaces that default (MANAGE_TEMPLATES: ADMIN, SALES_OPS, LEGAL). Errors: TEMPLATE_INVALID, "
        "VALIDATION_ERROR, NOT_FOUND, FORBIDDEN.",
        template="The saved template; null when `errors` is not empty.",
    ),
    "RenderDocumentInput.contractId": "C8: the contract to render (exactly one of contractId | quoteId | invoiceId).",
    "RenderDocumentInput.quoteId": "C8: the quote to render (exactly one of contractId | quoteId | invoiceId).",
    "RenderDocumentInput.invoiceId": "B2: the invoice or credit note to render "
    "(exactly one of contractId | quoteId | invoiceId).",
    "RenderDocumentInput.templateId": "C8: the template to use, of the object's kind; default: the kind's default.",
    "SaveDocumentTemplateInput.id": "C8: the template to update (a default's id replaces the default); "
    "omit to create one.",
    "SaveDocumentTemplateInput.kind": "QUOTE, CONTRACT or INVOICE; an existing template keeps its kind.",
    "SaveDocumentTemplateInput.name": "The template's name (required).",
    "SaveDocumentTemplateInput.body": "C8: a Jinja2 template of the document's text (line markup: # title, "
    "## heading, - bullet, | table | row |, --- page break); `clauses` holds the rendered clauses.",
    "SaveDocumentTemplateInput.clauses": "C8: the clauses, in document order; replaces the previous ones.",
    "DocumentClauseInput": "C8: one clause of a template.",
    "DocumentClauseInput.key": "A name unique within the template.",
    "DocumentClauseInput.title": "The clause's heading.",
    "DocumentClauseInput.body": "A Jinja2 template: the text when no variation's condition holds.",
    "DocumentClauseInput.variations": "C8: alternative texts; the first whose condition holds wins.",
    "ClauseVariationInput": "C8: an alternative text of a clause, chosen by a condition.",
    "ClauseVariationInput.condition": "A Jinja2 expression on the object's data, e.g. `contract.term > 24`.",
    "ClauseVariationInput.body": "A Jinja2 template: the clause's text when the condition holds.",
    "DocumentTemplate": "C8: how a kind of object renders to a document: a Jinja2 body and clauses.",
    "DocumentTemplate.id": "Opaque id (UUID); a default template's id is the same on every install.",
    "DocumentTemplate.kind": "The kind of object it renders.",
    "DocumentTemplate.name": "Its name.",
    "DocumentTemplate.body": "The Jinja2 template of the document's text; `clauses` holds the rendered clauses.",
    "DocumentTemplate.clauses": "Its clauses, in document order.",
    "DocumentTemplate.isDefault": "C8: used when renderDocument has no templateId (shipped, or its saved replacement).",
    "DocumentTemplate.version": "Increases by one at every save; documents record the version they used.",
    "DocumentTemplate.updatedAt": "When it was last saved (UTC); null for a shipped default never saved.",
    "DocumentClause": "C8: one clause of a template.",
    "DocumentClause.key": "A name unique within the template.",
    "DocumentClause.title": "The clause's heading.",
    "DocumentClause.body": "A Jinja2 template: the text when no variation's condition holds.",
    "DocumentClause.variations": "Alternative texts; the first whose condition holds wins.",
    "ClauseVariation": "C8: an alternative text of a clause, chosen by a condition.",
    "ClauseVariation.condition": "A Jinja2 expression on the object's data.",
    "ClauseVariation.body": "A Jinja2 template: the clause's text when the condition holds.",
    "Document": "C8: a rendered PDF of a contract or a quote, kept with its content hash.",
    "Document.id": "Opaque id (UUID).",
    "Document.kind": "The kind of object rendered.",
    "Document.title": "E.g. `Contract C-000001`: the PDF's title.",
    "Document.sha256": "C8: SHA-256 of the PDF bytes (hex): proves which document was signed.",
    "Document.pageCount": "Pages in the PDF.",
    "Document.url": "C8: where `GET` serves the PDF, with the same key and scoping (S3).",
    "Document.templateId": "The template it was rendered with.",
    "Document.templateVersion": "That template's version at the time.",
    "Document.createdAt": "When it was rendered (UTC).",
    "DocumentKind": "C8: kinds of objects that render to documents.",
    "DocumentKind.QUOTE": "A quote.",
    "DocumentKind.CONTRACT": "A contract.",
    "DocumentKind.INVOICE": "An invoice or credit note (B2).",
    "Query.documentTemplates": "C8: the document templates, each kind's default first (READ).",
    "Query.documentTemplates(kind:)": "Only templates of this kind; default: all kinds.",
    "ErrorCode.TEMPLATE_INVALID": "C8: a template does not compile (the message names the part and line).",
    "ErrorCode.TEMPLATE_RENDER_FAILED": "C8: a template failed on the object's data (names template and field).",
    "Permission.MANAGE_TEMPLATES": "C8: save document templates (ADMIN, SALES_OPS, LEGAL).",
    "Permission.RENDER_DOCUMENTS": "C8: render documents of objects in scope (every role but READ_ONLY).",
}
