export interface Config {
  emrEks?: {
    /**
     * Groups whose direct members are EMR on EKS tenant admins (the `emr-eks.tenant.admin`
     * permission): provisioning for any team, adopting namespaces the portal did not create.
     * Entity refs such as `group:default/data-platform`; a bare name is a group in the
     * default namespace. Unset or empty: nobody is an admin.
     */
    adminGroups?: string[];
  };
}
