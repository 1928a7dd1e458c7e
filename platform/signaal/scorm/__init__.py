"""SCORM 1.2 export: a published course version as a package for another learning system.

Organisations that already run a learning system of their own (Moodle, Open
edX…) upload the package there and see completion in it. The package is built
from the read model (`courses/published.py`), never from the Markdown, so it is
exactly what participants read in Signaal: the same compiled, sanitised HTML,
the same templates and stylesheet. `pages` renders the static pages, `manifest`
writes imsmanifest.xml, `package` zips both deterministically. The quizzes are
graded in the browser by `static/scorm/signaal-scorm.js`, which is also what
talks to the learning system's SCORM API; see docs/scorm.md for what that means
for the evidence a SCORM completion gives.
"""
