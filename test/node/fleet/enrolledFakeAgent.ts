// Console tests against a scripted agent: a fleet site with a fake agent enrolled and connected.
// Kept apart from fakeAgentPeer.ts, which child processes outside the test runner import too.
import { afterEach, beforeEach } from 'vitest';
import { FakeAgentPeer } from './fakeAgentPeer.ts';
import { setUpFleetSite, type FleetSite } from './fleetSite.ts';

/** A fake agent enrolled in the site as gpu-node-01, once the console has connected and said hello. */
export async function enrolFakeAgent(site: FleetSite): Promise<FakeAgentPeer> {
  const agent = await FakeAgentPeer.start();
  await site.admin.must('fleet.enrol', {
    address: agent.address,
    pairingCode: agent.pairingCode,
    name: 'gpu-node-01',
    clusterId: site.clusterId,
  });
  // The pairing connection closes (1000 'paired') and the console reconnects and says hello.
  await agent.waitFor(
    () => agent.connections >= 2 && agent.greetedConsoles === 1,
    'the console to connect',
  );
  return agent;
}

/** For each test of the file: a fresh fleet site with a fake agent enrolled, closed afterwards. */
export function eachTestEnrolsFakeAgent(): { site: FleetSite; agent: FakeAgentPeer } {
  const fixture = {} as { site: FleetSite; agent: FakeAgentPeer };
  beforeEach(async () => {
    fixture.site = await setUpFleetSite();
    fixture.agent = await enrolFakeAgent(fixture.site);
  });
  afterEach(async () => {
    fixture.site.cleanup();
    await fixture.agent.close();
  });
  return fixture;
}
