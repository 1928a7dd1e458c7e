"""How long a certificate PDF takes, against a budget of one second.

Run from the repository root: `python bench/certificate_pdf.py [runs]`.
The "fresh server" rows render into an empty font cache, as the first
certificates on a server whose fonts were never cut: with the packaged variable
fonts, while the static ones are cut in a background process (niced, but it
shares the machine). The "build-fonts" row is what `flask certificates
build-fonts` takes at install time; the warm rows render with that cache in
place, as every later certificate does. Prints a table, asserts nothing.
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "platform"))

from signaal.certificates.fonts import build_certificate_fonts  # noqa: E402
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


def timed(render) -> tuple[float, float]:
    """Wall-clock and CPU seconds of this process: on a shared machine the CPU time is the steadier figure."""
    start, start_cpu = time.perf_counter(), time.process_time()
    render()
    return time.perf_counter() - start, time.process_time() - start_cpu


def average(samples: list[float]) -> float:
    # Not statistics.mean: bench/statistics.py (another benchmark) shadows the module here.
    return sum(samples) / len(samples)


def p95(samples: list[float]) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def main(runs: int) -> None:
    with tempfile.TemporaryDirectory() as cache:
        rows = []
        for label, text in [("fresh server: first, Latin", LATIN), ("fresh server: Arabic", ARABIC),
                            ("fresh server: Latin again", LATIN)]:
            rows.append((label, [timed(lambda: render_certificate_pdf(text, font_cache_dir=cache))]))
        # Waits for the background build started above (its CPU time is not counted), or does it.
        rows.append(("build-fonts", [timed(lambda: build_certificate_fonts(cache))]))
        for label, text in [("warm Latin", LATIN), ("warm Cyrillic", CYRILLIC), ("warm Arabic", ARABIC)]:
            render_certificate_pdf(text, font_cache_dir=cache)  # first use of this script's code paths
            rows.append((label, [timed(lambda: render_certificate_pdf(text, font_cache_dir=cache)) for _ in range(runs)]))

    print(f"{'case':<30}{'runs':>5}{'mean s':>9}{'p95 s':>9}{'cpu mean':>10}{'cpu p95':>9}{'p95/budget':>12}")
    for label, samples in rows:
        wall, cpu = [w for w, _ in samples], [c for _, c in samples]
        print(f"{label:<30}{len(samples):>5}{average(wall):>9.3f}{p95(wall):>9.3f}"
              f"{average(cpu):>10.3f}{p95(cpu):>9.3f}{p95(wall) / BUDGET_SECONDS:>11.0%}")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 20)
