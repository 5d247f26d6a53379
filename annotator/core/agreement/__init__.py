"""Inter-coder agreement (Qt-free): coefficients, unit kinds, unitizing, and the project-level report.

The GUI and CLI use ``compute_agreement`` and ``find_disagreements``; see ``report.py`` for the rules
that change the numbers and the JSON layout.
"""

from annotator.core.agreement.report import (
    AgreementCancelled,
    AgreementReport,
    AgreementScope,
    Disagreement,
    compute_agreement,
    find_disagreements,
)

__all__ = ["AgreementCancelled", "AgreementReport", "AgreementScope", "Disagreement", "compute_agreement",
           "find_disagreements"]
