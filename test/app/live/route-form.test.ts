import { describe, expect, it } from "vitest";
import type { RouteForm } from "../../../src/app/live/change-state.js";
import {
  cardChoices,
  checkForm,
  firstError,
  newForm,
  nextField,
  parseDestination,
  pickCard,
} from "../../../src/app/live/route-form.js";
import { INTERFACES } from "../../../src/system/simulated/demo-host.js";

const form = (over: Partial<RouteForm> = {}): RouteForm => ({
  ...newForm(INTERFACES),
  destination: "10.0.0.0/8",
  gateway: "192.168.1.254",
  card: "int",
  ...over,
});

describe("the add form: destination as people type it", () => {
  it.each([
    ["10.0.0.0/8", "10.0.0.0/8"],
    ["10.0.0.0 255.0.0.0", "10.0.0.0/8"],
    ["10.0.0.0 mask 255.0.0.0", "10.0.0.0/8"],
    ["  172.16.0.0   255.240.0.0 ", "172.16.0.0/12"],
    ["10.1.1.20", "10.1.1.20/32"],
    ["fd00::/8", "fd00::/8"],
  ])("%s → %s", (text, prefix) => {
    expect(parseDestination(text)).toEqual({ prefix });
  });

  it.each([
    ["", "type a destination"],
    ["10.1.0.0/8", "has host bits set: did you mean 10.0.0.0/8?"],
    ["10.0.0.0 255.0.255.0", '"255.0.255.0" is not a netmask'],
    ["fd00:: 255.0.0.0", "is not an IPv4 address to go with the mask"],
    ["10.0.0.0 255.0.0.0 extra", "is not a destination"],
    ["intranet", '"intranet" is not an address or prefix'],
  ])("refuses %j: %s", (text, words) => {
    const out = parseDestination(text);
    expect("error" in out && out.error).toContain(words);
  });
});

describe("the add form: checked on every key press", () => {
  it("a complete form is the change the runner will be asked to prepare", () => {
    const check = checkForm(form({ metric: "10" }), INTERFACES);
    expect(check.errors).toEqual({});
    expect(check.change).toEqual({
      action: "add",
      destination: "10.0.0.0/8",
      gateway: "192.168.1.254",
      interface: "int",
      metric: 10,
      persistent: true,
    });
  });

  it("refuses a gateway with a command in it, on the gateway field", () => {
    const check = checkForm(form({ gateway: "192.168.1.254;reboot" }), INTERFACES);
    expect(check.change).toBeNull();
    expect(check.errors.gateway).toContain("is not an IP address");
    expect(firstError(check)).toBe("gateway");
  });

  it("asks for the gateway, as route add --via does", () => {
    const check = checkForm(form({ gateway: " " }), INTERFACES);
    expect(check.change).toBeNull();
    expect(check.errors.gateway).toBe("type the gateway: the router on int's subnet");
  });

  it("says what is wrong with each field, in form order", () => {
    const check = checkForm(form({ destination: "10.1.0.0/8", metric: "ten" }), INTERFACES);
    expect(Object.keys(check.errors).sort()).toEqual(["destination", "metric"]);
    expect(firstError(check)).toBe("destination");
  });

  it("a gateway of the other family is refused; a card the host lacks too", () => {
    expect(checkForm(form({ gateway: "fe80::1" }), INTERFACES).errors.gateway).toContain("family");
    expect(checkForm(form({ card: "eth9" }), INTERFACES).errors.card).toContain('no card "eth9"');
  });

  it("the host's own refusal (from prepare) stays on its field until the field is edited", () => {
    const f = form({ error: { field: "destination", message: "10.0.0.0/8 … is already in the table" } });
    expect(checkForm(f, INTERFACES).errors.destination).toContain("already in the table");
    expect(checkForm(f, INTERFACES).change).toBeNull();
  });
});

describe("the add form: cards and fields", () => {
  it("lists the routed cards first, loopback last, with address and index", () => {
    const choices = cardChoices(INTERFACES);
    expect(choices.map((c) => c.value)).toEqual(["ext", "int", "Loopback Pseudo-Interface 1"]);
    expect(choices[1]?.label).toBe("int  192.168.1.11/24  #65540");
  });

  it("a pre-filled form starts on the gateway, with the card chosen", () => {
    const f = newForm(INTERFACES, { destination: "10.0.0.0/8", card: "int", note: "type the gateway" });
    expect(f).toMatchObject({ destination: "10.0.0.0/8", card: "int", focus: "gateway", persistent: true });
    expect(newForm(INTERFACES)).toMatchObject({ card: "ext", focus: "destination" });
  });

  it("moves through the cards (wrapping) and the fields", () => {
    const f = form({ card: "ext" });
    expect(pickCard(f, INTERFACES, { step: 1 })).toBe("int");
    expect(pickCard(f, INTERFACES, { step: -1 })).toBe("Loopback Pseudo-Interface 1");
    expect(pickCard(f, INTERFACES, { index: 1 })).toBe("int");
    expect(pickCard(f, INTERFACES, { index: 7 })).toBeNull();
    expect(nextField("destination", 1)).toBe("gateway");
    expect(nextField("destination", -1)).toBe("persistent");
  });
});
