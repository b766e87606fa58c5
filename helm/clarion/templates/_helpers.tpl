{{/* Chart name, truncated to the 63 characters of a DNS label. */}}
{{- define "clarion.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{/* Prefix of every resource: release-chart unless the release name already contains the chart name. */}}
{{- define "clarion.fullname" -}}
{{- if .Values.fullnameOverride -}}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- $name := default .Chart.Name .Values.nameOverride -}}
{{- if contains $name .Release.Name -}}
{{- .Release.Name | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}
{{- end -}}

{{- define "clarion.labels" -}}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" }}
app.kubernetes.io/name: {{ include "clarion.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- with .Values.commonLabels }}
{{ toYaml . }}
{{- end }}
{{- end -}}

{{/* Selector labels of one component: (dict "root" $ "component" "gateway") */}}
{{- define "clarion.selectorLabels" -}}
app.kubernetes.io/name: {{ include "clarion.name" .root }}
app.kubernetes.io/instance: {{ .root.Release.Name }}
app.kubernetes.io/component: {{ .component }}
{{- end -}}

{{/* repository:tag of an image block: (dict "root" $ "image" .Values.gateway.image) */}}
{{- define "clarion.image" -}}
{{- printf "%s:%s" .image.repository (default .root.Chart.AppVersion .image.tag) -}}
{{- end -}}

{{- define "clarion.secretName" -}}
{{- default (printf "%s-secrets" (include "clarion.fullname" .)) .Values.secret.existingSecret -}}
{{- end -}}

{{- define "clarion.r2dbcUrl" -}}
{{- $p := .Values.postgres -}}
{{- printf "r2dbc:postgresql://%s:%v/%s" $p.host $p.port $p.database -}}{{ with $p.r2dbcOptions }}?{{ . }}{{ end }}
{{- end -}}

{{- define "clarion.jdbcUrl" -}}
{{- $p := .Values.postgres -}}
{{- printf "jdbc:postgresql://%s:%v/%s" $p.host $p.port $p.database -}}{{ with $p.jdbcOptions }}?{{ . }}{{ end }}
{{- end -}}

{{/* An environment variable read from the Secret: (dict "root" $ "name" "SPRING_R2DBC_PASSWORD" "key" "..." "optional" false) */}}
{{- define "clarion.secretEnv" -}}
- name: {{ .name }}
  valueFrom:
    secretKeyRef:
      name: {{ include "clarion.secretName" .root }}
      key: {{ .key }}
      {{- if .optional }}
      optional: true
      {{- end }}
{{- end -}}

{{/* Environment every Clarion container reads from the Secret. */}}
{{- define "clarion.postgresPasswordEnv" -}}
{{ include "clarion.secretEnv" (dict "root" . "name" "SPRING_R2DBC_PASSWORD" "key" .Values.secret.keys.postgresPassword) }}
{{- end -}}

{{/* clarion.kafka.properties.* as ConfigMap entries: security.protocol -> CLARION_KAFKA_PROPERTIES_SECURITY_PROTOCOL */}}
{{- define "clarion.kafkaProperties" -}}
{{- range $name, $value := .Values.kafka.properties }}
{{ printf "CLARION_KAFKA_PROPERTIES_%s" (upper (replace "." "_" $name)) }}: {{ $value | quote }}
{{- end }}
{{- end -}}

{{/* Kafka's sasl.jaas.config from the Secret, when kafka.saslJaasConfigFromSecret. */}}
{{- define "clarion.kafkaSecretEnv" -}}
{{- if .Values.kafka.saslJaasConfigFromSecret }}
{{ include "clarion.secretEnv" (dict "root" . "name" "CLARION_KAFKA_PROPERTIES_SASL_JAAS_CONFIG" "key" .Values.secret.keys.kafkaSaslJaasConfig) }}
{{- end }}
{{- end -}}

{{/* Prometheus scrape annotations: (dict "root" $ "port" 8081) */}}
{{- define "clarion.scrapeAnnotations" -}}
{{- if .root.Values.metrics.podAnnotations -}}
prometheus.io/scrape: "true"
prometheus.io/path: /actuator/prometheus
prometheus.io/port: {{ .port | quote }}
{{- end }}
{{- end -}}

{{/* Probes on actuator's health groups: (dict "probes" .Values.gateway.probes "port" "http") */}}
{{- define "clarion.probes" -}}
startupProbe:
  httpGet:
    path: /actuator/health/liveness
    port: {{ .port }}
  periodSeconds: {{ .probes.startup.periodSeconds }}
  failureThreshold: {{ .probes.startup.failureThreshold }}
livenessProbe:
  httpGet:
    path: /actuator/health/liveness
    port: {{ .port }}
  periodSeconds: {{ .probes.liveness.periodSeconds }}
  timeoutSeconds: {{ .probes.liveness.timeoutSeconds }}
  failureThreshold: {{ .probes.liveness.failureThreshold }}
readinessProbe:
  httpGet:
    path: /actuator/health/readiness
    port: {{ .port }}
  periodSeconds: {{ .probes.readiness.periodSeconds }}
  timeoutSeconds: {{ .probes.readiness.timeoutSeconds }}
  failureThreshold: {{ .probes.readiness.failureThreshold }}
{{- end -}}
