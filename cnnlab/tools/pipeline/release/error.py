"""The one error of the release builder: a refusal whose message is in both languages."""


class ReleaseError(Exception):
    """The release cannot be written; the message is in both languages and names the fix."""

    def __init__(self, zh, en):
        super().__init__(f"{en}\n{zh}")
        self.zh, self.en = zh, en
