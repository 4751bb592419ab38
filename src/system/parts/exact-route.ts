// A route as the kernel reported it (`ip -json route show table T exact P`), in the typed
// record the journal keeps, every default spelled out: the Linux backend reads it, the
// change engine restores a deleted route from it, the journal validates it on reading.
import { z } from "zod";

const hop = z.object({
  gateway: z.string().optional(),
  dev: z.string().optional(),
  weight: z.number().optional(),
  onlink: z.boolean().optional(),
});

export const kernelRouteSchema = z.object({
  family: z.union([z.literal(4), z.literal(6)]),
  dst: z.string(),
  table: z.string(),
  protocol: z.string(),
  scope: z.string(),
  metric: z.number(),
  prefsrc: z.string().optional(),
  pref: z.string().optional(),
  /** mtu, advmss, …: the `metrics` iproute2 prints, numbers only. */
  metrics: z.record(z.string(), z.number()).optional(),
  /** One hop for a plain route; several, with `multipath`, for `nexthop … nexthop …`. */
  hops: z.array(hop).min(1),
  multipath: z.boolean(),
});

export type KernelRoute = z.infer<typeof kernelRouteSchema>;
export type KernelHop = KernelRoute["hops"][number];
