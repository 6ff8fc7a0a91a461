"""Contains all the data models used in inputs/outputs"""

from .add_dipp_ips_body import AddDippIpsBody
from .assignable_domain import AssignableDomain
from .assignable_domain_list import AssignableDomainList
from .create_dipp_form import CreateDippForm
from .created_dipp import CreatedDipp
from .dipp_details import DippDetails
from .dipp_details_response import DippDetailsResponse
from .dipp_domain_page import DippDomainPage
from .dipp_list import DippList
from .dipp_summary import DippSummary
from .domain_preview import DomainPreview
from .domain_ref import DomainRef
from .dynamic_pool import DynamicPool
from .dynamic_pool_domain import DynamicPoolDomain
from .dynamic_pool_domain_list import DynamicPoolDomainList
from .dynamic_pool_ips import DynamicPoolIps
from .dynamic_pool_list import DynamicPoolList
from .edit_dipp_form import EditDippForm
from .error import Error
from .history_list import HistoryList
from .history_record import HistoryRecord
from .invalid_parameter import InvalidParameter
from .ip_band_form import IpBandForm
from .ip_details import IpDetails
from .ip_domain import IpDomain
from .ip_domain_list import IpDomainList
from .ip_list import IpList
from .ip_summary import IpSummary
from .list_dynamic_pool_domains_sort_by import ListDynamicPoolDomainsSortBy
from .list_dynamic_pool_domains_sort_order import ListDynamicPoolDomainsSortOrder
from .message import Message
from .metric_band import MetricBand
from .new_ip_allowance import NewIpAllowance
from .new_ip_allowance_allowed import NewIpAllowanceAllowed
from .override_form import OverrideForm
from .paging import Paging
from .set_dynamic_pools_form import SetDynamicPoolsForm
from .started_job import StartedJob
from .update_dynamic_pool_form import UpdateDynamicPoolForm
from .warmup_details import WarmupDetails
from .warmup_details_response import WarmupDetailsResponse
from .warmup_page import WarmupPage
from .warmup_stage import WarmupStage
from .warmup_summary import WarmupSummary

__all__ = (
    "AddDippIpsBody",
    "AssignableDomain",
    "AssignableDomainList",
    "CreatedDipp",
    "CreateDippForm",
    "DippDetails",
    "DippDetailsResponse",
    "DippDomainPage",
    "DippList",
    "DippSummary",
    "DomainPreview",
    "DomainRef",
    "DynamicPool",
    "DynamicPoolDomain",
    "DynamicPoolDomainList",
    "DynamicPoolIps",
    "DynamicPoolList",
    "EditDippForm",
    "Error",
    "HistoryList",
    "HistoryRecord",
    "InvalidParameter",
    "IpBandForm",
    "IpDetails",
    "IpDomain",
    "IpDomainList",
    "IpList",
    "IpSummary",
    "ListDynamicPoolDomainsSortBy",
    "ListDynamicPoolDomainsSortOrder",
    "Message",
    "MetricBand",
    "NewIpAllowance",
    "NewIpAllowanceAllowed",
    "OverrideForm",
    "Paging",
    "SetDynamicPoolsForm",
    "StartedJob",
    "UpdateDynamicPoolForm",
    "WarmupDetails",
    "WarmupDetailsResponse",
    "WarmupPage",
    "WarmupStage",
    "WarmupSummary",
)
