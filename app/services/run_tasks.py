"""F2/F4: starting and completing the fulfillment plan's SERVICE tasks."""

from typing import Any

from app.auth import Actor, Permission, requires
from app.errors import DomainError, ErrorCode
from app.services import fulfillment_commands as fc
from app.services.fulfil_orders import record, settle_fulfilment
from app.services.order_access import items_of, lock_order
from app.services.scoping import get_scoped
from app.services.states import ORDER_STATES, TASK_STATES, Capability
from app.services.unit_of_work import UnitOfWork, unit_of_work
from models import FulfillmentTask, Order, OrderItem
from models.enums import OrderEventType, TaskKind, TaskStatus

# F2: a parent's work counts as done when it is DONE (a SHIPPABLE parent: delivered) or was cancelled.
SETTLED = (TaskStatus.DONE, TaskStatus.CANCELLED)


async def lock_task(actor: Actor, uow: UnitOfWork, task_id: Any) -> tuple[Order, list[OrderItem], FulfillmentTask]:
    """S3: a task is seen through its order's account; the order is locked first, then the task."""
    found: FulfillmentTask = await get_scoped(actor, FulfillmentTask.all(), task_id, "Task", "taskId")
    order = await lock_order(actor, uow, found.order_id)
    task = await FulfillmentTask.filter(id=found.id).using_db(uow.tx).select_for_update().get()
    return order, await items_of(order, uow.tx), task


def _only_service(task: FulfillmentTask) -> None:
    if task.kind != TaskKind.SERVICE:
        follows = "its fulfillments" if task.kind == TaskKind.SHIPMENT else "the activation"
        raise DomainError(
            ErrorCode.INVALID_TRANSITION, f"A {task.kind} task follows {follows}; it is not started by hand.", "taskId"
        )


class RunTaskService:
    @requires(Permission.FULFILL_ORDERS)
    async def start(self, actor: Actor, data: fc.TaskTransition) -> FulfillmentTask:
        """F2: a task starts once the work it depends on is done (DEPENDENCY_NOT_DONE); F4: the first
        start moves the order to IN_FULFILLMENT."""
        async with unit_of_work(actor) as uow:
            order, items, task = await lock_task(actor, uow, data.task_id)
            ORDER_STATES.require(order.status, Capability.SHIP, f"Order {order.number}", "taskId")
            _only_service(task)
            TASK_STATES.check(task.status, TaskStatus.IN_PROGRESS)
            if task.depends_on_id is not None:
                parent = await FulfillmentTask.filter(id=task.depends_on_id).using_db(uow.tx).get()
                if parent.status not in SETTLED:
                    raise DomainError(
                        ErrorCode.DEPENDENCY_NOT_DONE,
                        f"This task waits for the {parent.kind} task it depends on ({parent.status}) (F2).",
                        "taskId",
                    )
            task.status = TaskStatus.IN_PROGRESS
            await task.save(using_db=uow.tx, update_fields=["status", "updated_at"])
            await record(uow, order, items, OrderEventType.TASK_STARTED, {"taskId": str(task.id)}, starts=True)
        return task

    @requires(Permission.FULFILL_ORDERS)
    async def complete(self, actor: Actor, data: fc.TaskTransition) -> FulfillmentTask:
        """F4: a completed SERVICE task fulfils its item; the last one may fulfil the order."""
        async with unit_of_work(actor) as uow:
            order, items, task = await lock_task(actor, uow, data.task_id)
            _only_service(task)
            TASK_STATES.check(task.status, TaskStatus.DONE)
            task.status = TaskStatus.DONE
            await task.save(using_db=uow.tx, update_fields=["status", "updated_at"])
            item = next(i for i in items if i.id == task.order_item_id)
            item.fulfilled_quantity = item.quantity
            await item.save(using_db=uow.tx, update_fields=["fulfilled_quantity"])
            await record(uow, order, items, OrderEventType.TASK_COMPLETED, {"taskId": str(task.id)})
            await settle_fulfilment(uow, order, items)
        return task


run_tasks = RunTaskService()
