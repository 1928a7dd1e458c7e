"""The smallest Flask app: the yardstick the lesson page is measured against (bench/throughput.py)."""

from flask import Flask

app = Flask(__name__)


@app.get("/")
def hello():
    return "Hello"
