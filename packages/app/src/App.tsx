import { createApp } from '@backstage/frontend-defaults';
import catalogPlugin from '@backstage/plugin-catalog/alpha';
import emrEksPlugin from '@emr-eks/plugin-emr-eks/alpha';
import { navModule } from './modules/nav';
import { signInModule } from './modules/signIn';

export default createApp({
  features: [catalogPlugin, emrEksPlugin, navModule, signInModule],
});
