"""How long a certificate PDF takes, against a budget of one second.

Run from the repository root: `python bench/certificate_pdf.py [runs]`.
The cold row builds the static fonts in an empty temporary cache (what the
first certificate after installing pays); the warm rows render with that
cache in place, as every later certificate does. Prints a table, asserts nothing.
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "platform"))

from signaal.certificates.pdf import CertificateText, render_certificate_pdf  # noqa: E402

BUDGET_SECONDS = 1.0
CODE = "7K3M-Q9TX-2HCW-5RJD-W"

LATIN = CertificateText(
    heading="Certificate of completion",
    holder_name="Łucja Ćwik-Ștefănescu",
    statement="has completed the course",
    course_title="Recognising labour exploitation: rights of migrant workers",
    details=("Issued on 28 November 2026", "Valid until 28 November 2028", f"Certificate code {CODE}"),
    verify_label="Check this certificate at",
    verify_url=f"https://signaal.example.org/verify/{CODE}",
)
CYRILLIC = CertificateText(
    heading="Сертификат за завършване",
    holder_name="Стефка Йорданова-Ґонта",
    statement="успешно завърши курса",
    course_title="Разпознаване на трудова експлоатация",
    details=("Издаден на 28 ноември 2026 г.", f"Код на сертификата {CODE}"),
    verify_label="Проверете сертификата на",
    verify_url=LATIN.verify_url,
)
ARABIC = CertificateText(
    heading="شهادة إتمام",
    holder_name="فاطمة الزهراء",
    statement="أتمّت الدورة التدريبية",
    course_title="التعرّف على الاستغلال في العمل: حقوق العمال المهاجرين",
    details=("صدرت في 28 نوفمبر 2026", f"رمز الشهادة {CODE}"),
    verify_label="تحقق من هذه الشهادة على",
    verify_url=LATIN.verify_url,
    rtl=True,
)


def timed(render) -> float:
    start = time.perf_counter()
    render()
    return time.perf_counter() - start


def average(samples: list[float]) -> float:
    # Not statistics.mean: bench/statistics.py (another benchmark) shadows the module here.
    return sum(samples) / len(samples)


def p95(samples: list[float]) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def main(runs: int) -> None:
    with tempfile.TemporaryDirectory() as cache:
        cold = timed(lambda: render_certificate_pdf(LATIN, font_cache_dir=cache))
        rows = [("cold: fonts instanced + 1 PDF", 1, cold, cold)]
        for label, text in [("warm Latin", LATIN), ("warm Cyrillic", CYRILLIC), ("warm Arabic", ARABIC)]:
            render_certificate_pdf(text, font_cache_dir=cache)  # first use of this script's code paths
            samples = [timed(lambda: render_certificate_pdf(text, font_cache_dir=cache)) for _ in range(runs)]
            rows.append((label, runs, average(samples), p95(samples)))

    print(f"{'case':<32}{'runs':>6}{'mean s':>10}{'p95 s':>10}{'p95/budget':>12}")
    for label, count, mean, high in rows:
        print(f"{label:<32}{count:>6}{mean:>10.3f}{high:>10.3f}{high / BUDGET_SECONDS:>11.0%}")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 20)
