#!/bin/sh
# A credential_process for the canary test: its output holds secrets that must never be shown.
printf '{"Version": 1, "AccessKeyId": "AKIACANARYPROCESS005", "SecretAccessKey": "credProcessSecretCanary005xxxxxxxxxxxxxxxx", "SessionToken": "IQoJb3JpZ2luX2VjENarySessionTokenCanary002/////wEaCXVzLWVhc3QtMSJHMEUCIQD"}\n'
