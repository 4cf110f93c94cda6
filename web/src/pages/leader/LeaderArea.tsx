import { RoleLayout } from '../../layouts/RoleLayout';
import { leaderRoutes } from './routes';

export default function LeaderArea() {
  return <RoleLayout role="leader" base="/leader" routes={leaderRoutes} />;
}
