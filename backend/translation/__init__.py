"""Translation (POST /api/v1/translate), and easy Swedish (lättläst) with its write → check → revise loop."""
