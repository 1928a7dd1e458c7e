"""What the learning domain tells others: other domains listen, learning does not call them."""

from blinker import Namespace

_signals = Namespace()

# Sent with user=, version= (the CourseVersion completed) and language=.
course_completed = _signals.signal("course-completed")
