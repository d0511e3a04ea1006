"""M/M/c in SimPy's classic style, for `npm run bench -- simulator` to time against `servetwin simulate`.

A source process draws exponential interarrival times and starts one process per customer; each
customer requests one of `c` servers of a simpy.Resource, holds it for an exponential service
time, and records its time in the system. Prints the customers completed and their mean time in
the system, as JSON, so the bench can check that both simulators ran the same model.

Usage: PYTHONPATH=$SIMPY_PATH python3 mmc.py RATE_PER_S MEAN_SERVICE_S SERVERS DURATION_S SEED
"""
import json
import random
import sys

import simpy


def customer(env, servers, mean_service_s, rng, sojourns):
    arrived = env.now
    with servers.request() as request:
        yield request
        yield env.timeout(rng.expovariate(1.0 / mean_service_s))
    sojourns.append(env.now - arrived)


def source(env, rate_per_s, servers, mean_service_s, rng, sojourns):
    while True:
        yield env.timeout(rng.expovariate(rate_per_s))
        env.process(customer(env, servers, mean_service_s, rng, sojourns))


def main(rate_per_s, mean_service_s, servers, duration_s, seed):
    rng = random.Random(seed)
    env = simpy.Environment()
    resource = simpy.Resource(env, capacity=servers)
    sojourns = []
    env.process(source(env, rate_per_s, resource, mean_service_s, rng, sojourns))
    env.run(until=duration_s)
    print(json.dumps({
        "simpy": simpy.__version__,
        "completed": len(sojourns),
        "mean_sojourn_ms": 1000.0 * sum(sojourns) / len(sojourns),
    }))


if __name__ == "__main__":
    rate, mean, c, duration, seed = sys.argv[1:6]
    main(float(rate), float(mean), int(c), float(duration), int(seed))
