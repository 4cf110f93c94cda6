// Departments and users for e2e tests, created through the API as an admin would.
import type { TestApp } from '../helpers/test-app';
import { bearer } from '../helpers/test-app';

export interface SeededDepartment {
  id: string;
  name: string;
  token: string;
  username: string;
}

export async function createDepartment(t: TestApp, name: string, aliases: string[] = []): Promise<{ id: string; name: string }> {
  const res = await t.http().post('/api/departments').set(bearer(t.adminToken)).send({ name, aliases });
  if (res.status !== 201) throw new Error(`department ${name}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

export async function createUser(t: TestApp, username: string, role: 'department' | 'leader' | 'admin', departmentId?: string): Promise<string> {
  const password = `${username}-password`;
  const res = await t.http().post('/api/users').set(bearer(t.adminToken)).send({ username, password, role, departmentId });
  if (res.status !== 201) throw new Error(`user ${username}: ${res.status} ${JSON.stringify(res.body)}`);
  return t.login(username, password);
}

/** A department with one user of its own, logged in. */
export async function departmentWithUser(t: TestApp, name: string, username: string, aliases: string[] = []): Promise<SeededDepartment> {
  const d = await createDepartment(t, name, aliases);
  return { ...d, username, token: await createUser(t, username, 'department', d.id) };
}
