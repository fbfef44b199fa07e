export interface Config {
  /**
   * The Backstage Kubernetes plugin's clusters. This module reads the `config` locator's
   * clusters to reach the EKS clusters it provisions namespaces on.
   */
  kubernetes?: {
    clusterLocatorMethods?: Array<{
      type: string;
      clusters?: Array<{
        name: string;
        url: string;
        /**
         * `serviceAccount`, or `aws` (an EKS token signed with the `aws` integration's
         * credentials of the provisioning cluster's account, as the Kubernetes plugin signs it).
         */
        authProvider?: string;
        /**
         * For `aws`: `kubernetes.io/aws-assume-role`, `kubernetes.io/aws-external-id` and
         * `kubernetes.io/x-k8s-aws-id` (the EKS cluster's name, when the entry's differs).
         */
        authMetadata?: { [key: string]: string };
        /**
         * Token of a service account allowed to manage namespaces, quotas, limit ranges,
         * network policies, roles, role bindings and priority classes.
         * @visibility secret
         */
        serviceAccountToken?: string;
        skipTLSVerify?: boolean;
        /** @visibility secret */
        caData?: string;
      }>;
    }>;
  };
  catalog?: {
    providers?: {
      /**
       * The catalog module's EMR on EKS discoveries (declared there too). The actions read them
       * to link a new virtual cluster to the entity the catalog will make of it.
       */
      emrEks?: {
        [providerId: string]: {
          /** The account discovered. */
          accountId: string;
          /** Its regions. */
          regions: string[];
          /** Catalog namespace of the entities. Defaults to `default`. */
          namespace?: string;
          /** AWS tag naming the owner; must equal `emrEks.ownership.tag`. Defaults to `team`. */
          ownerTag?: string;
        };
      };
    };
  };
  emrEks?: {
    /** How owners are read from AWS tags (declared by the backend plugin too). */
    ownership?: {
      /** The AWS tag the actions write on what they make, naming the owning team. Defaults to `team`. */
      tag?: string;
      /** The catalog namespace of a bare group name in that tag. Defaults to `default`. */
      namespace?: string;
    };
    /** Self-service provisioning of EMR on EKS tenants from software templates. */
    provisioning?: {
      /** Clusters tenants can be provisioned on; each name matches a Kubernetes plugin cluster. */
      clusters?: Array<{
        name: string;
        /** 12-digit AWS account of the EKS cluster. */
        accountId: string;
        region: string;
        /** `aws` unless in another partition. */
        partition?: string;
        /** Name of the EKS cluster in AWS; `name` by default. */
        eksClusterName?: string;
        /**
         * How EMR on EKS gets access to a tenant namespace: an EKS access entry for its
         * service-linked role with AmazonEMRJobPolicy (default) or a Role and RoleBinding.
         */
        emrAccess?: 'accessEntry' | 'rbac';
        /** S3 bucket for pod templates. */
        podTemplateBucket?: string;
        /** Key prefix for pod templates; `pod-templates` by default. */
        podTemplatePrefix?: string;
        /**
         * The account's IAM quota on a role trust policy's length: 2048 (the default) up to
         * 4096 (IAM's hard limit) once raised. Longer trust policies are refused up front.
         */
        trustPolicyMaxLength?: number;
      }>;
      /**
       * Endpoint overrides (local sandbox or VPC endpoints); AWS regional endpoints when unset.
       * Credentials come from the `aws` integration config.
       */
      endpoints?: {
        iam?: string;
        eks?: string;
        s3?: string;
        sts?: string;
        emrContainers?: string;
        emrServerless?: string;
      };
      /** Attempts per AWS call, made by the SDK's standard retry strategy. Defaults to 3. */
      maxAttempts?: number;
      /**
       * Where `emr:role:create` and `emr:serverlessApplication:create` may grant S3 access:
       * `s3://<bucket>/<key prefix>*` patterns in which `${team}` stands for the owner's team tag value and `*` matches any run of
       * characters (in the bucket name anywhere, in the key only at the end), e.g.
       * `s3://data-lake/${team}/*` or `s3://analytics-${team}-code-123456789012/*`.
       * A requested bucket or prefix outside every pattern is refused; with none configured,
       * every bucket grant is refused.
       */
      buckets?: string[];
      /**
       * Namespaces `emr:namespace:prepare` never touches, besides `kube-*`, `default`,
       * `amazon-*`, `aws-*` and `karpenter`: names, or prefixes ending in `*`.
       */
      reservedNamespaces?: string[];
      /** Self-service EMR Serverless applications (`emr:serverlessApplication:create`). */
      serverless?: {
        /**
         * The only accounts and regions applications (and their job runtime roles) are created
         * in; a region or account not listed is refused. None configured: the action refuses all.
         */
        targets?: Array<{
          /** 12-digit AWS account. */
          accountId: string;
          region: string;
          /** `aws` unless in another partition. */
          partition?: string;
        }>;
      };
      /** Spark Connect endpoints (`emr:sparkConnect:create`). */
      sparkConnect?: {
        /**
         * The ECR account of the EMR runtime images (`<account>.dkr.ecr.<region>.amazonaws.com/spark/emr-<x.y.z>`)
         * per region, for regions beyond eu-west-1 and us-west-1 (known from the EMR on EKS Spark
         * Operator documentation). A cluster in a region without one is refused.
         */
        imageAccounts?: Array<{
          region: string;
          /** 12-digit AWS account of the region's EMR runtime images. */
          accountId: string;
        }>;
        /** Allow 0.0.0.0/0 (or ::/0) among a load balancer's inbound CIDRs. Defaults to false. */
        allowAnyInbound?: boolean;
        /** The load balancer's scheme: `internet-facing` (default) or `internal`. */
        scheme?: string;
      };
    };
  };
}
