import { RoleLayout } from '../../layouts/RoleLayout';
import { adminRoutes } from './routes';

export default function AdminArea() {
  return <RoleLayout role="admin" base="/admin" routes={adminRoutes} />;
}
