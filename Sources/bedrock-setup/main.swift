import BedrockCore
print("bedrock-setup")
