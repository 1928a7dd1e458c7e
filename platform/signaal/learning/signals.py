"""What the learning domain tells others: other domains listen, learning does not call them."""

from blinker import Namespace

_signals = Namespace()

# Sent with user=, version= (the PublishedVersion completed), language= and enrolment= (locked),
# inside the transaction that records the completion.
course_completed = _signals.signal("course-completed")
