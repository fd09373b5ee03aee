"""One adapter per target model: what that model does differently in Odoo.

A new target model is one adapter file here (and its ``_inherit`` of
``migration.source.mixin`` for ``x_source_id``); a model without an adapter is
written by ``TargetAdapter`` as it is.
"""

from .account_move import AccountMoveAdapter
from .account_move_line import AccountMoveLineAdapter
from .account_payment import AccountPaymentAdapter
from .base import TargetAdapter
from .calendar_event import CalendarEventAdapter
from .crm_lead import CrmLeadAdapter
from .crm_stage import CrmStageAdapter, CrmTeamAdapter
from .crm_tag import CrmTagAdapter, PartnerCategoryAdapter
from .custom_model import CustomModelAdapter, is_custom_model
from .hr_employee import HrEmployeeAdapter
from .ir_attachment import IrAttachmentAdapter
from .mail_activity import MailActivityAdapter
from .mail_message import MailMessageAdapter
from .product_product import ProductProductAdapter
from .project_project import ProjectProjectAdapter
from .project_task import ProjectTaskAdapter
from .res_partner import ResPartnerAdapter
from .res_users import ResUsersAdapter
from .sale_order import SaleOrderAdapter, SaleOrderLineAdapter

ADAPTERS = {
    adapter.model: adapter
    for adapter in (
        AccountMoveAdapter,
        AccountMoveLineAdapter,
        AccountPaymentAdapter,
        CalendarEventAdapter,
        CrmLeadAdapter,
        CrmStageAdapter,
        CrmTeamAdapter,
        CrmTagAdapter,
        PartnerCategoryAdapter,
        HrEmployeeAdapter,
        IrAttachmentAdapter,
        MailActivityAdapter,
        MailMessageAdapter,
        ProductProductAdapter,
        ProjectProjectAdapter,
        ProjectTaskAdapter,
        ResPartnerAdapter,
        ResUsersAdapter,
        SaleOrderAdapter,
        SaleOrderLineAdapter,
    )
}


def adapter_for(model):
    """The adapter class of ``model`` (``TargetAdapter`` when it has none of its own).

    A new custom model (``x_...``, created by a project for a file no object fits)
    has no class of its own: ``CustomModelAdapter`` writes them all."""
    if model not in ADAPTERS and is_custom_model(model):
        return CustomModelAdapter
    return ADAPTERS.get(model, TargetAdapter)


def aux_kind(model):
    """The kind prefix of records a run creates by name ('crm.tag' -> 'tag')."""
    adapter = ADAPTERS.get(model)
    if adapter is not None and adapter.aux_kind:
        return adapter.aux_kind
    return model.split(".")[-1]
