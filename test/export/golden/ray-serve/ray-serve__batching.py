# servetwin export of candidate peak: the batching the twin simulated, in Ray Serve's terms.
# @serve.batch lives in your code; serve-config.yaml's user_config carries the same numbers, applied in
# reconfigure, so a new serve config changes them without a new image.
from typing import List

from ray import serve


@serve.deployment
class Classifier:
    @serve.batch(max_batch_size=8, batch_wait_timeout_s=0.002, max_concurrent_batches=2)
    async def __call__(self, requests: List) -> List:
        ...  # one forward pass over the whole batch; one result per request, in order

    def reconfigure(self, user_config: dict) -> None:
        self.__call__.set_max_batch_size(user_config["max_batch_size"])
        self.__call__.set_batch_wait_timeout_s(user_config["batch_wait_timeout_s"])


app = Classifier.bind()
