// What serving costs, declared once: provisioned replicas by the hour (on-demand or spot),
// serverless pricing (per request + per GB-second, nothing while scaled to zero), and network
// egress. Used by a scenario's candidates (and tiers); priced by planner/cost.ts.
import * as z from 'zod';

const Usd = z.number().min(0);

export const CostSchema = z
  .strictObject({
    pricing: z
      .enum(['provisioned', 'serverless'])
      .default('provisioned')
      .describe('provisioned: pay for every replica-second a replica exists (ready or starting). serverless: pay per request and per GB-second of execution only.'),
    replica_per_hour_usd: Usd.default(0).describe('On-demand price of one replica (its node or pod share) per hour.'),
    capacity: z.enum(['on_demand', 'spot']).default('on_demand').describe('spot applies spot_discount to replica_per_hour_usd.'),
    spot_discount: z.number().min(0).max(1).default(0.7).describe('Fraction taken off the on-demand price for spot capacity (0.7: pay 30 %).'),
    per_million_requests_usd: Usd.default(0).describe('Serverless: price per million requests.'),
    per_gb_second_usd: Usd.default(0).describe('Serverless: price per GB-second of execution (memory_gb × busy seconds).'),
    memory_gb: z.number().positive().default(1).describe('Serverless: memory configured per instance, in GB.'),
    egress_per_gb_usd: Usd.default(0).describe('Network egress price per GB of responses sent to clients.'),
  })
  .describe('How a candidate is priced.');

export type Cost = z.output<typeof CostSchema>;
