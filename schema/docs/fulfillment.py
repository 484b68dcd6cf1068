"""Schema descriptions: inventory, available-to-promise and fulfillment (F1-F4)."""

from schema.docs.common import MONEY, _mutation

_FULFILLMENT = "The fulfillment with its new status; null when `errors` is not empty."
_TASK = "The task with its new status; null when `errors` is not empty."

FULFILLMENT: dict[str, str] = {
    **_mutation(
        "createInventoryLocation",
        "F1: a warehouse or provider location that holds stock (MANAGE_INVENTORY: ADMIN, FULFILLMENT). "
        "Errors: VALIDATION_ERROR, FORBIDDEN.",
        location="The new location; null when `errors` is not empty.",
    ),
    **_mutation(
        "receiveStock",
        "F1: a stock receipt at a location, available from `availableOn` (MANAGE_INVENTORY). Errors: "
        "INVALID_QUANTITY, NOT_FOUND, FORBIDDEN.",
        stock="The product's stock at the location after the receipt; null when `errors` is not empty.",
    ),
    **_mutation(
        "createFulfillment",
        "F3: a PENDING fulfillment from one location covering parts of SHIPPABLE items (FULFILL_ORDERS). Errors: "
        "QUANTITY_EXCEEDS_REMAINING, INVALID_QUANTITY, INVALID_TRANSITION, VALIDATION_ERROR, NOT_FOUND, FORBIDDEN.",
        fulfillment="The new PENDING fulfillment; null when `errors` is not empty.",
    ),
    **_mutation(
        "allocateFulfillment",
        "F3: PENDING -> ALLOCATED, reserving stock at its location; F4: the first allocation moves the order to "
        "IN_FULFILLMENT (FULFILL_ORDERS). Errors: INSUFFICIENT_STOCK, INVALID_TRANSITION, NOT_FOUND, FORBIDDEN.",
        fulfillment=_FULFILLMENT,
    ),
    **_mutation(
        "shipFulfillment",
        "F3: ALLOCATED -> SHIPPED; the stock leaves on hand (FULFILL_ORDERS). Errors: INVALID_TRANSITION, "
        "NOT_FOUND, FORBIDDEN.",
        fulfillment=_FULFILLMENT,
    ),
    **_mutation(
        "deliverFulfillment",
        "F3/F4: SHIPPED -> DELIVERED; delivered quantities are fulfilled, the last one fulfils the order "
        "(FULFILL_ORDERS). Errors: INVALID_TRANSITION, NOT_FOUND, FORBIDDEN.",
        fulfillment=_FULFILLMENT,
    ),
    **_mutation(
        "cancelFulfillment",
        "F3: PENDING or ALLOCATED -> CANCELLED, releasing the reservation (FULFILL_ORDERS). Errors: "
        "INVALID_TRANSITION, NOT_FOUND, FORBIDDEN.",
        fulfillment=_FULFILLMENT,
    ),
    **_mutation(
        "startTask",
        "F2/F4: a SERVICE task PENDING -> IN_PROGRESS once the work it depends on is done; the first start moves "
        "the order to IN_FULFILLMENT (FULFILL_ORDERS). Errors: DEPENDENCY_NOT_DONE, INVALID_TRANSITION, "
        "NOT_FOUND, FORBIDDEN.",
        task=_TASK,
    ),
    **_mutation(
        "completeTask",
        "F4: a SERVICE task IN_PROGRESS -> DONE, fulfilling its item (FULFILL_ORDERS). Errors: "
        "INVALID_TRANSITION, NOT_FOUND, FORBIDDEN.",
        task=_TASK,
    ),
    "CreateInventoryLocationInput.name": "F1: the location's name, unique.",
    "CreateInventoryLocationInput.kind": "F1: WAREHOUSE or PROVIDER.",
    "ReceiveStockInput.productId": "F1: the product received.",
    "ReceiveStockInput.locationId": "F1: where it is received.",
    "ReceiveStockInput.quantity": f"F1: the quantity received, positive, {MONEY}.",
    "ReceiveStockInput.availableOn": "F1: the date it becomes available; today when left out (today or earlier: "
    "on hand).",
    "CreateFulfillmentInput.orderId": "F3: the ACTIVATED or IN_FULFILLMENT order.",
    "CreateFulfillmentInput.locationId": "F3: the one location the fulfillment ships from.",
    "CreateFulfillmentInput.lines": "F3: the order items and quantities it covers.",
    "FulfillmentLineInput": "F3: part or all of one SHIPPABLE order item.",
    "FulfillmentLineInput.orderItemId": "F3: an item of the fulfillment's order.",
    "FulfillmentLineInput.quantity": "F3: at most the item's quantity not covered by other non-cancelled "
    "fulfillments (QUANTITY_EXCEEDS_REMAINING).",
    **{
        f"{verb}Input.fulfillmentId": "F3: the fulfillment to move."
        for verb in ("AllocateFulfillment", "ShipFulfillment", "DeliverFulfillment", "CancelFulfillment")
    },
    "StartTaskInput.taskId": "F2: the SERVICE task to start (FulfillmentTask.id).",
    "CompleteTaskInput.taskId": "F4: the SERVICE task to complete.",
    "Query.availableToPromise": "F1: per location (or at one), what is available now and the earliest date the "
    "whole quantity can be promised; any role with READ, including PARTNER and SALES_REP.",
    "Query.availableToPromise(productId:)": "F1: the product asked about; unknown is NOT_FOUND.",
    "Query.availableToPromise(quantity:)": "F1: the quantity to promise, positive (INVALID_QUANTITY).",
    "Query.availableToPromise(locationId:)": "F1: one location; all locations when left out.",
    "AtpAnswer": "F1: available-to-promise at one location.",
    "AtpAnswer.location": "F1: the location answered for.",
    "AtpAnswer.availableNow": f"F1: on hand (with receipts due by today) minus reserved, {MONEY}.",
    "AtpAnswer.promiseDate": "F1: the earliest date (today or later) the whole quantity is available; null when "
    "the known receipts never make it.",
    "InventoryLocation": "F1: a warehouse or provider holding stock.",
    "InventoryLocation.id": "The location's id.",
    "InventoryLocation.name": "F1: its unique name.",
    "InventoryLocation.kind": "F1: WAREHOUSE or PROVIDER.",
    "Stock": "F1: one product's stock at one location.",
    "Stock.id": "The stock row's id.",
    "Stock.product": "F1: the product.",
    "Stock.location": "F1: the location.",
    "Stock.onHand": f"F1: on hand (receipts due by today counted once the row is next used), {MONEY}.",
    "Stock.reserved": f"F3: reserved by ALLOCATED fulfillments, {MONEY}.",
    "Fulfillment": "F3: a shipment from one location covering part or all of some order items.",
    "Fulfillment.id": "The fulfillment's id.",
    "Fulfillment.status": "F3: PENDING -> ALLOCATED -> SHIPPED -> DELIVERED, or CANCELLED.",
    "Fulfillment.location": "F3: where it ships from; null when recorded by the shipOrderItems shortcut.",
    "Fulfillment.lines": "F3: the order items and quantities it covers.",
    "FulfillmentLine": "F3: part or all of one order item in a fulfillment.",
    "FulfillmentLine.orderItem": "F3: the order item.",
    "FulfillmentLine.quantity": f"F3: the quantity of it, {MONEY}.",
    "FulfillmentPlan": "F2: the order's decomposition into work, built at activation.",
    "FulfillmentPlan.tasks": "F2: one task per order item, in item order.",
    "FulfillmentTask": "F2: the work of one order item: a SHIPMENT following its fulfillments, a SERVICE task "
    "to start and complete, or a PROVISIONING done at activation.",
    "FulfillmentTask.id": "The task's id.",
    "FulfillmentTask.kind": "F2: SHIPMENT, SERVICE or PROVISIONING, from the product's fulfillment type.",
    "FulfillmentTask.status": "F2: PENDING -> IN_PROGRESS -> DONE, or CANCELLED with its item.",
    "FulfillmentTask.orderItem": "F2: the order item this task fulfils.",
    "FulfillmentTask.dependsOn": "F2: the task of the item's requiredBy parent; this one starts only after it "
    "is done (DEPENDENCY_NOT_DONE).",
    "Order.fulfillmentPlan": "F2: the plan built at activation (no tasks before).",
    "Order.fulfillments": "F3: the order's fulfillments, oldest first.",
    "OrderItem.fulfilledQuantity": f"F4: quantity delivered, completed or provisioned so far, {MONEY}.",
    "Product.fulfillmentType": "F2: how its items are fulfilled: SHIPPABLE, SERVICE or DIGITAL.",
    "CreateProductInput.fulfillmentType": "F2: SHIPPABLE, SERVICE or DIGITAL; default SHIPPABLE for ONE_TIME "
    "products, DIGITAL otherwise.",
    "FulfillmentType": "F2: how a product's order items are fulfilled.",
    "FulfillmentType.SHIPPABLE": "F3: allocated, shipped and delivered from locations.",
    "FulfillmentType.SERVICE": "F2: a task to start and complete.",
    "FulfillmentType.DIGITAL": "F2: provisioned at activation.",
    "LocationKind": "F1: what a location is.",
    "LocationKind.WAREHOUSE": "F1: our own warehouse.",
    "LocationKind.PROVIDER": "F1: a provider holding stock for us.",
    "FulfillmentStatus": "F3: where a fulfillment is (the fulfillment status table).",
    "FulfillmentStatus.PENDING": "F3: created, nothing reserved yet.",
    "FulfillmentStatus.ALLOCATED": "F3: stock reserved at its location.",
    "FulfillmentStatus.SHIPPED": "F3: left the location; stock off hand.",
    "FulfillmentStatus.DELIVERED": "F3/F4: delivered; its quantities are fulfilled.",
    "FulfillmentStatus.CANCELLED": "F3: cancelled before shipping; any reservation released.",
    "TaskKind": "F2: the kind of work a task is.",
    "TaskKind.SHIPMENT": "F2: a SHIPPABLE item's task; done when the item is delivered in full.",
    "TaskKind.SERVICE": "F2: a SERVICE item's task, started and completed by hand.",
    "TaskKind.PROVISIONING": "F2: a DIGITAL item's task, done at activation.",
    "TaskStatus": "F2: where a task is.",
    "TaskStatus.PENDING": "F2: not started.",
    "TaskStatus.IN_PROGRESS": "F2: started (a SHIPMENT: allocated).",
    "TaskStatus.DONE": "F2/F4: done; tasks depending on it may start.",
    "TaskStatus.CANCELLED": "F4: its item was cancelled.",
    "OrderEventType.FULFILLMENT_CREATED": "F3: a fulfillment was created.",
    "OrderEventType.FULFILLMENT_ALLOCATED": "F3: a fulfillment was allocated (F4: may move the order).",
    "OrderEventType.FULFILLMENT_SHIPPED": "F3: a fulfillment was shipped.",
    "OrderEventType.FULFILLMENT_DELIVERED": "F3: a fulfillment was delivered.",
    "OrderEventType.FULFILLMENT_CANCELLED": "F3/F4: a fulfillment was cancelled (by hand or by a change, I1).",
    "OrderEventType.TASK_STARTED": "F2: a task was started (F4: may move the order).",
    "OrderEventType.TASK_COMPLETED": "F4: a task was completed.",
    "ErrorCode.INSUFFICIENT_STOCK": "F3: the allocation would take available-to-promise below zero.",
    "ErrorCode.DEPENDENCY_NOT_DONE": "F2: the task's parent work is not done yet.",
    "Permission.MANAGE_INVENTORY": "F1: create locations and receive stock (ADMIN, FULFILLMENT).",
}
