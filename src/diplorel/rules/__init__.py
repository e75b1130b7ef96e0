"""The rule engine's rules, as data: see them, add yours, replace or remove ours.

>>> from diplorel.rules import default_rules
>>> default_rules()["mutual_consent"].citation
'VCDR art. 2'
"""

from diplorel._default_rules import (
    CHINA_EXCLUSIVITY,
    agreed_class,
    break_keeps_consular,
    consent_implies_consular,
    consular_consent,
    continuity,
    credentials_take_up_post,
    default_rules,
    extinction_ends,
    missions_are_separate,
    missions_need_consent,
    mutual_consent,
    no_acts_after_end,
    protecting_power,
    protection_ends_with_relations,
    recall_is_not_a_break,
    recognition_is_separate,
    relations_imply_recognition,
    unilateral_break,
)
from diplorel._rules import Exclusivity, Rejected, Rule, RuleFunction, RuleSet, rule

__all__ = [
    "CHINA_EXCLUSIVITY",
    "Exclusivity",
    "Rejected",
    "Rule",
    "RuleFunction",
    "RuleSet",
    "agreed_class",
    "break_keeps_consular",
    "consent_implies_consular",
    "consular_consent",
    "continuity",
    "credentials_take_up_post",
    "default_rules",
    "extinction_ends",
    "missions_are_separate",
    "missions_need_consent",
    "mutual_consent",
    "no_acts_after_end",
    "protecting_power",
    "protection_ends_with_relations",
    "recall_is_not_a_break",
    "recognition_is_separate",
    "relations_imply_recognition",
    "rule",
    "unilateral_break",
]
