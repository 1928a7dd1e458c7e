"""What the courses domain tells others: other domains listen, courses does not call them."""

from blinker import Namespace

_signals = Namespace()

# Sent with version= (the PublishedVersion just stored, in the publishing transaction).
course_published = _signals.signal("course-published")
